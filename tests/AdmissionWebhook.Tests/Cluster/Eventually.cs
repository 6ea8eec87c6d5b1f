using System.Diagnostics;

namespace AdmissionWebhook.Tests.Cluster;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/> (5 s by default).</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:F1} s waiting for {what}");
            }
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        return watch.Elapsed;
    }
}

using System.Diagnostics;

namespace AdmissionWebhook.Tests.Cluster;

internal static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/> (60 s by
    /// default). The deadline only bounds a hang: a loaded two-core machine may take seconds for what a quiet one does
    /// in milliseconds, so no test asserts how long the wait took.
    /// </summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>As <see cref="HoldsAsync(Func{bool}, string, TimeSpan?)"/>, for a condition that must ask over the network.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:F1} s waiting for {what}");
            }
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}

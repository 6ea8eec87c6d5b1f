using AdmissionWebhook.Cluster.Kubernetes;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Cluster;

public sealed class BackoffAndNegativeCacheTests
{
    [Fact]
    public void Backoff_doubles_with_jitter_up_to_the_cap_and_starts_over_after_reset()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(800));

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalMilliseconds).ToList();
        backoff.Reset();
        var afterReset = backoff.Next().TotalMilliseconds;

        double[] steps = [100, 200, 400, 800, 800, 800];
        Assert.All(waits.Zip(steps), pair => Assert.InRange(pair.First, pair.Second / 2, pair.Second));
        Assert.InRange(afterReset, 50, 100);
        Assert.Equal(1, backoff.Failures);
    }

    [Fact]
    public void A_missing_nad_is_remembered_until_the_ttl_passes()
    {
        var time = new ManualTime();
        var cache = new NegativeCache(TimeSpan.FromSeconds(5), time);
        var name = new NamespacedName("ns1", "gone");

        cache.Add(name);
        var fresh = cache.Contains(name);
        time.Advance(TimeSpan.FromSeconds(4.9));
        var beforeExpiry = cache.Contains(name);
        time.Advance(TimeSpan.FromSeconds(0.2));
        var afterExpiry = cache.Contains(name);

        Assert.Equal((true, true, false), (fresh, beforeExpiry, afterExpiry));
        Assert.False(cache.Contains(new NamespacedName("ns1", "other")));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// Exponential back-off with "equal jitter": each wait is half the current step plus a random part of the other
/// half, so many webhook replicas that lost the same API server do not come back in lock-step.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private readonly TimeSpan _initial = initial;
    private TimeSpan _step = initial;

    public int Failures { get; private set; }

    /// <summary>The wait before the next attempt; doubles the step for the attempt after it.</summary>
    public TimeSpan Next()
    {
        Failures++;
        var half = _step / 2;
        var wait = half + (half * Random.Shared.NextDouble());
        _step = _step * 2 > max ? max : _step * 2;
        return wait;
    }

    /// <summary>After a success the next failure waits the initial step again.</summary>
    public void Reset()
    {
        _step = _initial;
        Failures = 0;
    }
}

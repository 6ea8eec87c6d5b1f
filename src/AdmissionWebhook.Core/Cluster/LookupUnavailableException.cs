namespace AdmissionWebhook.Cluster;

/// <summary>
/// The cluster view cannot answer (caches not synced, API server unreachable on a miss). The HTTP layer answers
/// 503 so the webhook configuration's failurePolicy decides; a guess would silently allow or deny.
/// </summary>
public sealed class LookupUnavailableException : Exception
{
    public LookupUnavailableException()
    {
    }

    public LookupUnavailableException(string message) : base(message)
    {
    }

    public LookupUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

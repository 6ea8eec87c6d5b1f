namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>The API server answered 410 Gone: the resourceVersion (or continue token) is too old; only a fresh list helps.</summary>
internal sealed class ResourceGoneException : Exception
{
    public ResourceGoneException()
    {
    }

    public ResourceGoneException(string message) : base(message)
    {
    }

    public ResourceGoneException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

namespace AdmissionWebhook.Patching;

/// <summary>A JSON Patch operation could not be applied.</summary>
public sealed class JsonPatchException : Exception
{
    public JsonPatchException(JsonPatchOperation? operation, string reason)
        : base(operation is null ? reason : $"{operation.Op} {operation.Path}: {reason}")
    {
        Operation = operation;
    }

    public JsonPatchException()
    {
    }

    public JsonPatchException(string message) : base(message)
    {
    }

    public JsonPatchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The operation that failed, when known.</summary>
    public JsonPatchOperation? Operation { get; }
}

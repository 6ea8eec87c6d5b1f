namespace AdmissionWebhook.Manifests;

/// <summary>A manifest file that cannot be read; the message names the file (and line when known).</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string source, int? line, string reason, Exception? inner = null)
        : base(line is { } l ? $"{source}:{l}: {reason}" : $"{source}: {reason}", inner)
    {
        File = source;
        Line = line;
    }

    public ManifestException()
    {
        File = string.Empty;
    }

    public ManifestException(string message) : base(message)
    {
        File = string.Empty;
    }

    public ManifestException(string message, Exception innerException) : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>The file (or "-" for standard input).</summary>
    public string File { get; }

    public int? Line { get; }
}

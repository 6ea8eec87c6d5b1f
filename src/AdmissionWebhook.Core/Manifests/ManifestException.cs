namespace AdmissionWebhook.Manifests;

/// <summary>A manifest file that cannot be read; the message names the file (and line when known).</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string source, int? line, string reason, Exception? inner = null)
        : this(source, line, 0, reason, inner)
    {
    }

    /// <summary>A failure at a line and column (1-based; column 0 when unknown: then only <c>file:line:</c> is named).</summary>
    public ManifestException(string source, int? line, int column, string reason, Exception? inner = null)
        : base(Position(source, line, column) + reason, inner)
    {
        File = source;
        Line = line;
        Column = column;
        Reason = reason;
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

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; } = string.Empty;

    private static string Position(string source, int? line, int column) => (line, column) switch
    {
        ({ } l, > 0) => $"{source}:{l}:{column}: ",
        ({ } l, _) => $"{source}:{l}: ",
        _ => $"{source}: ",
    };
}

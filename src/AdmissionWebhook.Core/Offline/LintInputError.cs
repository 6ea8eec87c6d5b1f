namespace AdmissionWebhook.Offline;

/// <summary>A manifest file lint could not read (not YAML or JSON, a duplicate key, not an object): reported as a
/// finding of its own while the other files are still checked; the run then exits 2.</summary>
/// <param name="Source">The file, or "-" for standard input.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Message">What is wrong, without the position.</param>
public sealed record LintInputError(string Source, int Line, int Column, string Message)
{
    /// <summary>The code shown for these findings.</summary>
    public const string Code = "ManifestUnreadable";

    /// <summary><c>file:line:column</c>, as far as known.</summary>
    public string Position => (Line, Column) switch
    {
        ( > 0, > 0) => $"{Source}:{Line}:{Column}",
        ( > 0, _) => $"{Source}:{Line}",
        _ => Source,
    };
}

namespace AdmissionWebhook.Offline;

/// <summary>Everything lint found, object by object in manifest order.</summary>
public sealed record LintReport(IReadOnlyList<LintObjectResult> Objects)
{
    /// <summary>Files that could not be read at all, each reported on its own.</summary>
    public IReadOnlyList<LintInputError> InputErrors { get; init; } = [];

    public int Count(LintSeverity severity) => Objects.Sum(o => o.Findings.Count(f => f.Severity == severity));

    /// <summary>Violations fail the run: a denial, or a change the webhook would make.</summary>
    public bool HasViolations => Count(LintSeverity.Error) > 0 || Count(LintSeverity.Fixable) > 0;
}

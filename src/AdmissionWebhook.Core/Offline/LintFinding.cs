namespace AdmissionWebhook.Offline;

/// <summary>How a finding affects the verdict.</summary>
public enum LintSeverity
{
    /// <summary>The webhook would deny the object.</summary>
    Error,

    /// <summary>The webhook would admit the object with a warning.</summary>
    Warning,

    /// <summary>The webhook would admit the object changed: the manifest in Git would drift from the cluster
    /// (<c>lint --fix</c> writes the change).</summary>
    Fixable,
}

/// <summary>One rule outcome for one object, located in its manifest.</summary>
/// <param name="Code">The rule code (RULES.md), or <see cref="LintEngine.InvalidObjectCode"/>.</param>
/// <param name="Field">Kubernetes field path, empty for the whole object.</param>
/// <param name="Severity">What the finding does to the verdict.</param>
/// <param name="Line">1-based line of the field (or of its closest written ancestor).</param>
/// <param name="Message">The rule's message.</param>
public sealed record LintFinding(string Code, LintSeverity Severity, string Field, int Line, string Message);

/// <summary>The findings for one reviewed object of the manifests.</summary>
public sealed record LintObjectResult(
    Manifests.ManifestDocument Document,
    string Kind,
    string Namespace,
    string Name,
    IReadOnlyList<LintFinding> Findings,
    PipelineOutcome Outcome)
{
    public string Source => Document.Source;

    public int Line => Document.Line;

    public string DisplayName => Namespace.Length > 0 ? $"{Namespace}/{Name}" : Name;
}

/// <summary>Everything lint found, object by object in manifest order.</summary>
public sealed record LintReport(IReadOnlyList<LintObjectResult> Objects)
{
    public int Count(LintSeverity severity) => Objects.Sum(o => o.Findings.Count(f => f.Severity == severity));

    /// <summary>Violations fail the run: a denial, or a change the webhook would make.</summary>
    public bool HasViolations => Count(LintSeverity.Error) > 0 || Count(LintSeverity.Fixable) > 0;
}

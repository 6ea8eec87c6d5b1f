namespace AdmissionWebhook.Offline;

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

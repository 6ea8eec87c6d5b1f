namespace AdmissionWebhook.Offline;

/// <summary>One rule outcome for one object, located in its manifest.</summary>
/// <param name="Code">The rule code (docs/rules.md), or <see cref="LintEngine.InvalidObjectCode"/>.</param>
/// <param name="Field">Kubernetes field path, empty for the whole object.</param>
/// <param name="Severity">What the finding does to the verdict.</param>
/// <param name="Line">1-based line of the field (or of its closest written ancestor).</param>
/// <param name="Message">The rule's message.</param>
/// <param name="Column">1-based column of the field when known (decode errors), else 0.</param>
public sealed record LintFinding(string Code, LintSeverity Severity, string Field, int Line, string Message, int Column = 0);

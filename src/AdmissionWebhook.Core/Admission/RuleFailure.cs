namespace AdmissionWebhook.Admission;

/// <summary>One failed check, in Kubernetes terms: rule code, field path and a message a person can act on.</summary>
public sealed record RuleFailure(string Code, string Field, string Message);

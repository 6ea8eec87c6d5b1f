using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The outcome of reviewing one request: a closed set that <see cref="AdmissionResponses"/> maps to the wire.
/// <list type="table">
/// <item><term>Rule failures (deny)</term><description>200, allowed false, code 422, reason Invalid, causes.</description></item>
/// <item><term>Rule warnings</term><description>200, allowed true, warnings.</description></item>
/// <item><term>Patch</term><description>200, allowed true, JSONPatch (mutating endpoint only).</description></item>
/// <item><term>Undecodable object, wrong kind</term><description>200, allowed false, code 400: fail closed.</description></item>
/// </list>
/// Situations with no valid answer (a body that is no AdmissionReview, a cluster view that cannot answer, a bug)
/// never become a decision: the HTTP layer answers non-2xx so the cluster's failurePolicy decides.
/// </summary>
public abstract record AdmissionDecision
{
    private AdmissionDecision()
    {
    }

    /// <summary>
    /// Rule codes behind the decision (failures, warnings, mutations), each once in order of first appearance, for the
    /// decision's log line and trace tag: a 6,000-interface VM failing one rule logs that rule, not a 150,000-character
    /// line of it (the metrics count every failure from the lists themselves).
    /// </summary>
    public abstract IReadOnlyList<string> Codes { get; }

    public sealed record Allow(IReadOnlyList<RuleFailure> Warnings) : AdmissionDecision
    {
        public override IReadOnlyList<string> Codes => [.. Warnings.Select(w => w.Code).Distinct(StringComparer.Ordinal)];
    }

    public sealed record Deny(IReadOnlyList<RuleFailure> Failures, IReadOnlyList<RuleFailure> Warnings) : AdmissionDecision
    {
        public override IReadOnlyList<string> Codes => [.. Failures.Select(f => f.Code).Concat(Warnings.Select(w => w.Code)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Allowed with a patch; <paramref name="MutationCodes"/> names the mutations that produced it.</summary>
    public sealed record Patch(IReadOnlyList<JsonPatchOperation> Operations, IReadOnlyList<string> MutationCodes, IReadOnlyList<RuleFailure> Warnings) : AdmissionDecision
    {
        public override IReadOnlyList<string> Codes => [.. MutationCodes.Concat(Warnings.Select(w => w.Code)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A request we refuse without judging it (HTTP 200, allowed false, the given code).</summary>
    public sealed record Error(int Code, string Message) : AdmissionDecision
    {
        public override IReadOnlyList<string> Codes => [];
    }

    public static AdmissionDecision Allowed { get; } = new Allow([]);
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Offline;

/// <summary>
/// One request through both webhooks of a resource, in the API server's order. <see cref="Validate"/> is null when
/// the mutating webhook refused the request (the API server stops there).
/// </summary>
public sealed record PipelineOutcome(
    WebhookCall Mutate,
    IReadOnlyList<JsonPatchOperation> Operations,
    JsonNode? PatchedObject,
    WebhookCall? Validate)
{
    /// <summary>True when the API server would admit the request (patched or not).</summary>
    public bool Allowed => Mutate.Response.Allowed && Validate?.Response.Allowed != false;

    /// <summary>The answer that decides: the validating webhook's, or the mutating one's refusal.</summary>
    public WebhookCall Deciding => Validate ?? Mutate;

    /// <summary>Warnings of both calls, mutating first, as the API server passes them on.</summary>
    public IReadOnlyList<RuleFailure> Warnings => [.. WarningsOf(Mutate.Decision), .. Validate is null ? [] : WarningsOf(Validate.Decision)];

    /// <summary>The codes of the mutations behind the patch.</summary>
    public IReadOnlyList<string> MutationCodes => Mutate.Decision is AdmissionDecision.Patch patch ? patch.MutationCodes : [];

    private static IReadOnlyList<RuleFailure> WarningsOf(AdmissionDecision decision) => decision switch
    {
        AdmissionDecision.Allow allow => allow.Warnings,
        AdmissionDecision.Deny deny => deny.Warnings,
        AdmissionDecision.Patch patch => patch.Warnings,
        _ => [],
    };
}

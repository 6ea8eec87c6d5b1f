using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Rules;

/// <summary>
/// Produces the RFC 6902 operations of one resource's mutating webhook. Must be idempotent: mutating its own
/// output yields no operations.
/// </summary>
public interface IAdmissionMutator<T> where T : class
{
    ValueTask<MutationResult> MutateAsync(MutationContext<T> context, CancellationToken cancellationToken);
}

/// <summary>
/// The request as a mutator sees it: typed objects plus the raw JSON they were decoded from, whose elements are made
/// from the request's text only when a mutator reads them (most reviews have nothing to patch and never do). A struct:
/// it only carries four references into the mutator, and every mutate review made one.
/// </summary>
public readonly record struct MutationContext<T>(T Object, T? OldObject, AdmissionAttributes Attributes, AdmissionWebhook.Admission.AdmissionRequest Request) where T : class
{
    public System.Text.Json.JsonElement RawObject => Request.Object!.Value;

    public System.Text.Json.JsonElement? RawOldObject => Request.OldObject;
}

/// <summary>The operations of a mutation and the codes of the mutations that produced them.</summary>
public sealed record MutationResult(IReadOnlyList<JsonPatchOperation> Operations, IReadOnlyList<string> Codes)
{
    public static MutationResult None { get; } = new([], []);
}

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

/// <summary>The request as a mutator sees it: typed objects plus the raw JSON they were decoded from.</summary>
public sealed record MutationContext<T>(
    T Object,
    System.Text.Json.JsonElement RawObject,
    T? OldObject,
    System.Text.Json.JsonElement? RawOldObject,
    AdmissionAttributes Attributes) where T : class;

/// <summary>The operations of a mutation and the codes of the mutations that produced them.</summary>
public sealed record MutationResult(IReadOnlyList<JsonPatchOperation> Operations, IReadOnlyList<string> Codes)
{
    public static MutationResult None { get; } = new([], []);
}

using System.Text.Json;

namespace AdmissionWebhook.Admission;

/// <summary>
/// Ratcheting of an UPDATE (docs/rules.md "Ratcheting", after Kubernetes' CRD validation ratcheting, KEP-4008): the edit
/// is denied only for what it breaks. A failure the old object already had (same rule code and field path, the old
/// object checked as a CREATE against the same cluster view) in a field the edit leaves unchanged is only reported;
/// so is every failure outside <c>metadata</c> when the edit changes nothing but <c>metadata</c>.
/// </summary>
public sealed class UpdateRatchet
{
    public const string WarningPrefix = "already present before this edit: ";

    private const string MetadataField = "metadata";

    private readonly JsonElement _old;
    private readonly JsonElement _current;
    private readonly HashSet<(string Code, string Field)> _before;
    private readonly bool _onlyMetadataChanged;

    /// <param name="old">The stored object's raw JSON.</param>
    /// <param name="current">The raw JSON of the object under review (as patched by the mutating webhooks).</param>
    /// <param name="oldFailures">What the rules report for <paramref name="old"/> validated as a CREATE.</param>
    public UpdateRatchet(JsonElement old, JsonElement current, IEnumerable<RuleFailure> oldFailures)
    {
        _old = old;
        _current = current;
        _before = [.. oldFailures.Select(failure => (failure.Code, failure.Field))];
        _onlyMetadataChanged = OnlyMetadataDiffers(old, current);
    }

    /// <summary>True when <paramref name="failure"/> predates the edit and must not deny it.</summary>
    public bool AlreadyPresent(RuleFailure failure)
    {
        if (_onlyMetadataChanged && !IsMetadata(failure.Field))
        {
            return true;
        }
        return _before.Contains((failure.Code, failure.Field)) && KubernetesFieldPath.SameValue(_old, _current, failure.Field);
    }

    /// <summary>The warning that reports a ratcheted failure.</summary>
    public static RuleFailure AsWarning(RuleFailure failure) => failure with { Message = WarningPrefix + failure.Message };

    private static bool IsMetadata(string field) =>
        field == MetadataField || field.StartsWith(MetadataField + ".", StringComparison.Ordinal);

    private static bool OnlyMetadataDiffers(JsonElement old, JsonElement current)
    {
        if (old.ValueKind != JsonValueKind.Object || current.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        var seen = 0;
        foreach (var property in current.EnumerateObject())
        {
            if (property.NameEquals(MetadataField))
            {
                continue;
            }
            seen++;
            if (!old.TryGetProperty(property.Name, out var before) || !JsonElement.DeepEquals(before, property.Value))
            {
                return false;
            }
        }
        var oldCount = old.EnumerateObject().Count(property => !property.NameEquals(MetadataField));
        return oldCount == seen;
    }
}

using System.Globalization;
using System.Text.Json;

namespace AdmissionWebhook.Admission;

/// <summary>
/// A field path as rules report it (<c>spec.template.spec.domain.devices.interfaces[2].macAddress</c>), read against
/// the raw JSON of two versions of an object to tell whether an edit changed that field.
/// </summary>
public static class KubernetesFieldPath
{
    /// <summary>
    /// True when <paramref name="old"/> and <paramref name="current"/> hold the same JSON value at
    /// <paramref name="path"/> (both missing counts as the same). A path that runs into a scalar before its end (a
    /// field inside the NAD's config string, say) is compared at that scalar: the whole string must be unchanged.
    /// </summary>
    public static bool SameValue(JsonElement old, JsonElement current, string path)
    {
        var before = (JsonElement?)old;
        var after = (JsonElement?)current;
        foreach (var segment in Parse(path))
        {
            if (before is null || after is null)
            {
                break;
            }
            var (nextBefore, descendedBefore) = Step(before.Value, segment);
            var (nextAfter, descendedAfter) = Step(after.Value, segment);
            if (!descendedBefore || !descendedAfter)
            {
                // One side is no container of the right kind here: this is as deep as the two can be compared.
                break;
            }
            before = nextBefore;
            after = nextAfter;
        }
        return (before, after) switch
        {
            (null, null) => true,
            ({ } a, { } b) => JsonElement.DeepEquals(a, b),
            _ => false,
        };
    }

    /// <summary>The path's segments: property names (strings) and array indices (ints).</summary>
    public static IReadOnlyList<object> Parse(string path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path))
        {
            return segments;
        }
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                segments.Add(name);
            }
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    // Not an index we can read: compare at the part before it, which is coarser but never wrong.
                    return segments;
                }
                segments.Add(index);
                bracket = part.IndexOf('[', close);
            }
        }
        return segments;
    }

    /// <summary>One step down; Descended is false when the element is no object (for a name) or array (for an index).</summary>
    private static (JsonElement? Next, bool Descended) Step(JsonElement element, object segment) => segment switch
    {
        string name when element.ValueKind == JsonValueKind.Object =>
            (element.TryGetProperty(name, out var child) ? child : null, true),
        int index when element.ValueKind == JsonValueKind.Array =>
            (index < element.GetArrayLength() ? element[index] : null, true),
        _ => (null, false),
    };
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AdmissionWebhook.Resources;

/// <summary>
/// Why an object did not decode into its model, in Kubernetes terms: the field path
/// (<c>spec.template.spec.networks[0].name</c>) and what the field must be (<c>expected a list of strings</c>),
/// never a .NET type name or a position in re-encoded JSON.
/// </summary>
/// <param name="FieldPath">Dotted field path with [index] for list items; empty for the object itself.</param>
/// <param name="Expectation">What the field must hold, or the decoder's own reason when it gave one.</param>
public sealed record DecodeFailure(string FieldPath, string Expectation)
{
    public override string ToString() => FieldPath.Length > 0 ? $"{FieldPath}: {Expectation}" : Expectation;

    /// <summary>Reads the path System.Text.Json recorded and finds the expected type along it in the model.</summary>
    public static DecodeFailure From(JsonException exception, JsonTypeInfo root)
    {
        var segments = Segments(exception.Path ?? "$");
        var fieldPath = FieldPathOf(segments);
        // A converter of ours explains itself; the serializer's own message names a .NET type instead.
        if (exception.Message is { } message && !message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            && !message.StartsWith("The JSON object contains", StringComparison.Ordinal) && exception.InnerException is null)
        {
            var reason = message.Split(" Path: ", 2)[0];
            return new DecodeFailure(fieldPath, reason);
        }
        var expected = TypeAt(root, segments) is { } info ? $"expected {Describe(info)}" : "not the expected type";
        return new DecodeFailure(fieldPath, expected);
    }

    /// <summary>The JSON pointer of the same path (to find its line in a manifest).</summary>
    public static string PointerOf(string fieldPath) =>
        string.Concat(Segments("$." + fieldPath).Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary><c>$.spec.networks[0].name</c> and <c>$['a.b']</c> into member names and indices.</summary>
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 2)..end]);
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = Math.Min(path.Length, end + 1);
            }
            else
            {
                i++;
            }
        }
        return segments.Where(s => s.Length > 0).ToList();
    }

    /// <summary>Member names and indices into the dotted field path (a name with a dot or slash, or all digits, in brackets).</summary>
    internal static string FieldPathOf(IReadOnlyList<string> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.All(char.IsAsciiDigit))
            {
                text.Append('[').Append(segment).Append(']');
            }
            else if (segment.Contains('.', StringComparison.Ordinal) || segment.Contains('/', StringComparison.Ordinal))
            {
                text.Append('[').Append(segment).Append(']');
            }
            else
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(segment);
            }
        }
        return text.ToString();
    }

    private static JsonTypeInfo? TypeAt(JsonTypeInfo root, List<string> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            var next = current.Kind switch
            {
                JsonTypeInfoKind.Object => current.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => current.ElementType,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }
            current = current.Options.GetTypeInfo(next);
        }
        return current;
    }

    private static string Describe(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"a list of {Plural(info.Options.GetTypeInfo(info.ElementType!))}",
            JsonTypeInfoKind.Dictionary => $"a map of {Plural(info.Options.GetTypeInfo(info.ElementType!))}",
            JsonTypeInfoKind.Object => "an object",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong) => "an integer",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(JsonElement) => "a JSON value",
            _ => "a value of another type",
        };
    }

    private static string Plural(JsonTypeInfo element) => Describe(element) switch
    {
        "a string" => "strings",
        "an integer" => "integers",
        "a number" => "numbers",
        "true or false" => "booleans",
        "an object" => "objects",
        var other when other.StartsWith("a list", StringComparison.Ordinal) => "lists",
        var other when other.StartsWith("a map", StringComparison.Ordinal) => "maps",
        _ => "values",
    };
}

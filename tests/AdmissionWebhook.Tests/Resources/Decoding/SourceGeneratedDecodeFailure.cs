using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>
/// How the source-generated decode's <see cref="JsonException"/> was turned into a <see cref="DecodeFailure"/> when it
/// was the product's decode: the oracle's half of the decode-equivalence tests.
/// </summary>
internal static class SourceGeneratedDecodeFailure
{
    /// <summary>Reads the path System.Text.Json recorded and finds the expected type along it in the model.</summary>
    public static DecodeFailure From(JsonException exception, JsonTypeInfo root)
    {
        var segments = DecodeFailure.Segments(exception.Path ?? "$");
        var fieldPath = DecodeFailure.FieldPathOf(segments);
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

using System.Text.Json;

namespace AdmissionWebhook.Admission;

/// <summary>A value's JSON text made an element on demand, for the few readers that walk elements (the mutators, ratcheting).</summary>
internal static class RawJson
{
    /// <summary>
    /// The element of <paramref name="text"/> (one JSON value, already checked by the body's reader), in a document of its
    /// own that copies the text: the element outlives the pooled request body it came from.
    /// </summary>
    public static JsonElement? Parse(ReadOnlyMemory<byte>? text)
    {
        if (text is not { } json)
        {
            return null;
        }
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = SinglePassReviewReader.MaxDepth });
        return JsonElement.ParseValue(ref reader);
    }
}

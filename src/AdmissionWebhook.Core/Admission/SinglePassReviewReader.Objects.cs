using System.Text.Json;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Admission;

/// <summary>
/// <c>object</c> and <c>oldObject</c> in the single pass: decoded into the model of the kind the review names, by the
/// model reader continuing this pass's reader, and kept as their text in the body (see the main file).
/// </summary>
internal ref partial struct SinglePassReviewReader
{
    /// <summary>
    /// An object member: its text, and its model when <paramref name="kind"/> (read before it, as the API server writes
    /// it) names a reviewed resource. <paramref name="name"/> is the review's <c>request.name</c> and
    /// <paramref name="first"/> the other object's model when decoded already. False when it does not decode here
    /// (<see cref="_undecoded"/> then says so).
    /// </summary>
    private bool Object(ReadOnlyMemory<byte> body, GroupVersionKind? kind, string? name, object? first, out ReadOnlyMemory<byte>? text, out object? model)
    {
        model = null;
        if (!_decode || _reader.TokenType != JsonTokenType.StartObject || PassDecoders.For(kind?.Group, kind?.Version, kind?.Kind) is not { } decoder)
        {
            return Value(body, out text);
        }
        text = null;
        var start = checked((int)_reader.TokenStartIndex);
        // The name and uid the object likely has, so that a repeated one is the same string (Go writes them in this order).
        var firstMeta = (first as KubernetesObject)?.Metadata;
        var objectReader = new ModelReader(_body, _reader, _names) { LikelyName = firstMeta?.Name ?? name, LikelyUid = firstMeta?.Uid };
        try
        {
            model = decoder(ref objectReader, ref _session);
        }
        catch (ModelDecodeException)
        {
            _undecoded = true;
            return false;
        }
        finally
        {
            // The names' pooled buffers as the model reader left them, whether it finished or not.
            _names = objectReader.Names;
        }
        _reader = objectReader.PassReader;
        text = body[start..checked((int)_reader.BytesConsumed)];
        if (!_session.HasFirst)
        {
            _session.FirstText = text;
        }
        return true;
    }
}

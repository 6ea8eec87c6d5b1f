using System.Text.Json;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// One review's decodes of <c>object</c> and then <c>oldObject</c>: the first records its VM entries, the second reuses
/// those written identically (<see cref="EntryRecord{T}"/>). Dispose it after the second decode (pooled buffers).
/// </summary>
public struct ResourceDecodeSession : IDisposable
{
    /// <summary>The object decoded first, once it is; null while the first decode runs (and records).</summary>
    internal JsonElement? First;

    /// <summary>The first object's text in the request body, when it was decoded from there rather than from <see cref="First"/>.</summary>
    internal ReadOnlyMemory<byte>? FirstText;

    /// <summary>True once the first object decoded whole: the second decode shares from it instead of recording.</summary>
    internal readonly bool HasFirst => First is not null || FirstText is not null;

    /// <summary>The first object's text, wherever it lies.</summary>
    internal readonly ReadOnlySpan<byte> FirstSpan =>
        First is { } element ? System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element) : FirstText.GetValueOrDefault().Span;

    internal EntryRecord<VmInterface> Interfaces;

    internal EntryRecord<VmNetwork> Networks;

    public void Dispose()
    {
        Interfaces.Dispose();
        Networks.Dispose();
    }
}

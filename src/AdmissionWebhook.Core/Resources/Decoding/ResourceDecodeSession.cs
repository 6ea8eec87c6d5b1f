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

    internal EntryRecord<VmInterface> Interfaces;

    internal EntryRecord<VmNetwork> Networks;

    public void Dispose()
    {
        Interfaces.Dispose();
        Networks.Dispose();
    }
}

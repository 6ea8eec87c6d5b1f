using System.Runtime.CompilerServices;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>The text bounds (start, end) of the first entries an <see cref="EntryRecord{T}"/> records, kept in the record itself.</summary>
[InlineArray(ItemBuffer<object>.InlineCount * 2)]
internal struct InlineBounds
{
    private int _first;
}

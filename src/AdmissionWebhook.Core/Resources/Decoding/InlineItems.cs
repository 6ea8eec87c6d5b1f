using System.Runtime.CompilerServices;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>The first items of a list, kept on the stack (<see cref="ItemBuffer{T}"/>): most lists are this short.</summary>
[InlineArray(ItemBuffer<object>.InlineCount)]
internal struct InlineItems<T>
{
    private T _first;
}

using System.Runtime.CompilerServices;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Where the reader is, one entry per nesting level, kept on the stack: the offset of the member's name in the text
/// (zero or more), or the bitwise complement of a list item's index (negative). The field path is spelled out only when
/// a decode fails, so a successful decode pays nothing for it.
/// </summary>
[InlineArray(ModelReader.MaxDepth + 2)]
internal struct PathFrames
{
    private int _first;
}

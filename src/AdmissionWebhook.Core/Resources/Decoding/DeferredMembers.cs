using System.Runtime.CompilerServices;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// The header members (<c>apiVersion</c>, <c>kind</c>, <c>metadata</c>) of a NAD or Subnet in the order they came,
/// repeats included: on the stack for the three an object has, in a list beyond a few (only a malformed object).
/// </summary>
internal struct DeferredMembers
{
    private const int Inline = 4;

    private Members _members;
    private List<DeferredMember>? _more;

    public int Count { get; private set; }

    public readonly DeferredMember this[int index] => index < Inline ? _members[index] : _more![index - Inline];

    public void Add(DeferredMember member)
    {
        if (Count < Inline)
        {
            _members[Count] = member;
        }
        else
        {
            (_more ??= []).Add(member);
        }
        Count++;
    }

    [InlineArray(Inline)]
    private struct Members
    {
        private DeferredMember _first;
    }
}

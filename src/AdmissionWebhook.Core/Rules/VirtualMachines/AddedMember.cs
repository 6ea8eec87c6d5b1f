using System.Text.Json.Nodes;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// A member the patch added to an element of a <see cref="WorkingArray"/>, linked to the one added before it: one small
/// record per <c>add</c>, where a list per element cost a list and its array for the one member a patch usually adds.
/// </summary>
internal sealed record AddedMember(string Name, JsonNode Value, AddedMember? Previous)
{
    /// <summary>The latest member added under <paramref name="name"/> (an <c>add</c> on an object replaces it), or null.</summary>
    public AddedMember? Latest(string name)
    {
        for (var member = this; member is not null; member = member.Previous)
        {
            if (member.Name == name)
            {
                return member;
            }
        }
        return null;
    }

    /// <summary>The members in the order they were added.</summary>
    public List<AddedMember> InOrder()
    {
        var members = new List<AddedMember>();
        for (var member = this; member is not null; member = member.Previous)
        {
            members.Add(member);
        }
        members.Reverse();
        return members;
    }
}

using System.Numerics;

namespace AdmissionWebhook.Resources;

/// <summary>
/// The first position of every non-empty name in a list, as an open-addressing hash table with linear probing: each slot
/// holds a position plus one (0 is empty), the names stay in the list. The table has a power-of-two size at least twice
/// the list's length, so a probe sequence is short; the hash is the string's own (randomized per process), so no request
/// can choose colliding names.
/// </summary>
internal sealed class NamePositions
{
    private readonly int[] _slots;

    private NamePositions(int[] slots) => _slots = slots;

    public static NamePositions Build<T>(IReadOnlyList<T> items, Func<T, string?> nameOf)
    {
        var slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(items.Count, 4) * 2)];
        var mask = slots.Length - 1;
        for (var i = 0; i < items.Count; i++)
        {
            if (nameOf(items[i]) is not { Length: > 0 } name)
            {
                continue;
            }
            var slot = name.GetHashCode(StringComparison.Ordinal) & mask;
            while (true)
            {
                if (slots[slot] == 0)
                {
                    slots[slot] = i + 1;
                    break;
                }
                if (string.Equals(nameOf(items[slots[slot] - 1]), name, StringComparison.Ordinal))
                {
                    // A later duplicate: the first position counts.
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return new NamePositions(slots);
    }

    /// <summary>The first position of <paramref name="name"/> in <paramref name="items"/> (the list the table was built over), or null.</summary>
    public int? Find<T>(IReadOnlyList<T> items, string name, Func<T, string?> nameOf)
    {
        if (name.Length == 0)
        {
            return null;
        }
        var mask = _slots.Length - 1;
        for (var slot = name.GetHashCode(StringComparison.Ordinal) & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
        {
            if (string.Equals(nameOf(items[_slots[slot] - 1]), name, StringComparison.Ordinal))
            {
                return _slots[slot] - 1;
            }
        }
        return null;
    }
}

namespace AdmissionWebhook.Resources;

/// <summary>
/// A VM's name index and the VM it was built for. Equal to every other slot, so the record's value equality (which
/// compares every field) ignores the cache: two VMs with the same content are equal whether or not either has built
/// its index.
/// </summary>
internal sealed class NameIndexSlot(VirtualMachine? owner, VmNameIndex? index) : IEquatable<NameIndexSlot>
{
    /// <summary>The slot of a VM that has not built its index yet.</summary>
    public static NameIndexSlot Unbuilt { get; } = new(null, null);

    public VirtualMachine? Owner { get; } = owner;

    public VmNameIndex Index { get; } = index!;

    public bool Equals(NameIndexSlot? other) => other is not null;

    public override bool Equals(object? obj) => obj is NameIndexSlot;

    public override int GetHashCode() => 0;
}

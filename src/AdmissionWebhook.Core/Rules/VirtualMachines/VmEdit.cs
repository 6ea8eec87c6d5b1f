using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>What happened to an interface of the old object that the new object lacks.</summary>
public enum RemovalKind
{
    /// <summary>It was already <c>absent</c>: KubeVirt's clean-up after an unplug (or the user's). Always allowed.</summary>
    CleanUp,

    /// <summary>A plugged bridge interface on a secondary network: it should have been set <c>absent</c>.</summary>
    Unplug,

    /// <summary>Anything else (SR-IOV, masquerade, the default network): nothing can unplug it, a restart will.</summary>
    NeedsRestart,
}

/// <summary>An interface of the old object missing from the new one, with its old network (when it had one).</summary>
public sealed record RemovedInterface(int OldIndex, VmInterface Interface, int? OldNetworkIndex, VmNetwork? OldNetwork, RemovalKind Kind)
{
    public string Name => Interface.Name!;
}

/// <summary>
/// One reading of a VM request shared by the validator and the mutator, so both apply the same definitions:
/// docs/rules.md "running VM" (from the old object), "hot-plugged interface" and the exempt users. Interfaces and networks
/// are matched by name; for duplicated names the first entry counts (the duplicate is a static failure anyway).
/// </summary>
public sealed class VmEdit
{
    private const string ContextKey = "vm-edit";

    private VmEdit(VirtualMachine current, VirtualMachine? old, string ns, bool runningUpdate)
    {
        Current = current;
        Old = old;
        Namespace = ns;
        IsRunningUpdate = runningUpdate;
        Removed = runningUpdate ? FindRemoved(current, old!) : [];
    }

    public VirtualMachine Current { get; }

    public VirtualMachine? Old { get; }

    /// <summary>The namespace unqualified Multus network names resolve against.</summary>
    public string Namespace { get; }

    /// <summary>
    /// An UPDATE of a VM whose old object says a VMI exists, by a user who is not exempt: the hot-plug rules and the
    /// mutations apply.
    /// </summary>
    public bool IsRunningUpdate { get; }


    /// <summary>Interfaces of the old object that the new one lacks, in old order (running updates only).</summary>
    public IReadOnlyList<RemovedInterface> Removed { get; }

    /// <summary>Interfaces the old object had: the ones the VM booted with or has hot-plugged since.</summary>
    public int OldInterfaceCount => Old?.Interfaces.Count ?? 0;

    public bool IsHotPlugged(VmInterface iface) => IsHotPluggedName(iface.Name);

    /// <summary>A network that belongs to a hot-plugged interface.</summary>
    public bool IsHotPluggedNetwork(VmNetwork network) => IsHotPluggedName(network.Name);

    /// <summary>
    /// An existing Multus network of a running VM whose networkName now names another NAD (or reads differently when it
    /// cannot be resolved): KubeVirt v1.9+ moves the interface there live, so the new NAD must be ready as for a hot-plug.
    /// </summary>
    public bool IsReferenceChanged(VmNetwork network)
    {
        if (!IsRunningUpdate || network.Multus is not { } multus || Old!.FindNetwork(network.Name) is not { Network.Multus: { } oldMultus } old)
        {
            return false;
        }
        var now = ReferenceOf(network);
        var before = ReferenceOf(old.Network);
        return now is null || before is null ? multus.NetworkName != oldMultus.NetworkName : now.Value.Key != before.Value.Key;
    }

    /// <summary>A network the hot-plug checks apply to: a hot-plugged one, or one whose NAD reference changed.</summary>
    public bool NeedsHotplugChecks(VmNetwork network) => IsHotPluggedNetwork(network) || IsReferenceChanged(network);

    /// <summary>The resolved NAD reference of a Multus network; null for other sources and unreadable names.</summary>
    public NetworkReference? ReferenceOf(VmNetwork network) =>
        network.Multus is { } multus && NetworkReference.TryParse(multus.NetworkName, Namespace, out var reference) ? reference : null;

    public static VmEdit Of(AdmissionAttributes attributes, VirtualMachine current, VirtualMachine? old)
    {
        var ns = attributes.Namespace is { Length: > 0 } requestNamespace
            ? requestNamespace
            : current.Metadata?.Namespace is { Length: > 0 } objectNamespace ? objectNamespace : "default";
        return new VmEdit(current, old, ns, IsRunningUpdateOf(attributes, old));
    }

    /// <summary>What <see cref="IsRunningUpdate"/> says of a request, asked without building its reading.</summary>
    public static bool IsRunningUpdateOf(AdmissionAttributes attributes, VirtualMachine? old) =>
        attributes.Operation == AdmissionOperation.Update
        && old is not null
        && old.HasRunningInstance
        && !attributes.UserIsExempt;

    /// <summary>
    /// On a running update, whether the interface named <paramref name="name"/> of <paramref name="current"/> is hot-plugged
    /// (what <see cref="IsHotPlugged"/> says), asked without building the reading.
    /// </summary>
    public static bool IsHotPluggedName(VirtualMachine current, VirtualMachine old, string? name) =>
        name is { Length: > 0 } && current.FindInterface(name) is not null && old.FindInterface(name) is null;

    /// <summary>
    /// The old interface at <paramref name="oldIndex"/> when the new object lacks it and it is the first of its name, with
    /// its old network; null otherwise (what <see cref="Removed"/> lists, asked one index at a time without building it).
    /// </summary>
    public static (RemovalKind Kind, (int Index, VmNetwork Network)? Network)? RemovalAt(VirtualMachine current, VirtualMachine old, int oldIndex)
    {
        var iface = old.Interfaces[oldIndex];
        // Still present, or a later duplicate of a name already judged at its first index.
        if (iface.Name is not { Length: > 0 } name || current.FindInterface(name) is not null || old.FindInterface(name)!.Value.Index != oldIndex)
        {
            return null;
        }
        var network = old.FindNetwork(name);
        var kind = iface.IsAbsent ? RemovalKind.CleanUp
            : iface.SingleBinding == VmBinding.Bridge && network is { Network.IsDefault: false } ? RemovalKind.Unplug
            : RemovalKind.NeedsRestart;
        return (kind, network);
    }

    /// <summary>The reading of the request under validation, computed once per request.</summary>
    public static VmEdit Of(ValidationContext<VirtualMachine> context)
    {
        if (context.RootContextData.TryGetValue(ContextKey, out var cached) && cached is VmEdit edit)
        {
            return edit;
        }
        edit = Of(context.Admission(), context.InstanceToValidate, context.OldObject());
        context.RootContextData[ContextKey] = edit;
        return edit;
    }

    // An interface of the new object the old one lacks, on a running VM. Both name indexes are built once per object,
    // so this asks two name-index lookups and allocates nothing.
    private bool IsHotPluggedName(string? name) => IsRunningUpdate && IsHotPluggedName(Current, Old!, name);

    private static IReadOnlyList<RemovedInterface> FindRemoved(VirtualMachine current, VirtualMachine old)
    {
        List<RemovedInterface>? removed = null;
        for (var i = 0; i < old.Interfaces.Count; i++)
        {
            if (RemovalAt(current, old, i) is not { } removal)
            {
                continue;
            }
            var network = removal.Network;
            (removed ??= []).Add(new RemovedInterface(i, old.Interfaces[i], network?.Index, network?.Network, removal.Kind));
        }
        if (removed is null)
        {
            return Array.Empty<RemovedInterface>();
        }
        return removed;
    }
}

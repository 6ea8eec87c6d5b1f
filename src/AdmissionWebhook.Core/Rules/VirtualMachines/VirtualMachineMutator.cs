using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// The VM mutations of docs/rules.md, on an UPDATE of a running VM by a user that is not exempt:
/// <list type="bullet">
/// <item><see cref="VirtualMachineRules.HotplugDefaultBridge"/>: a hot-plugged interface without binding on a Kube-OVN
/// NAD gets <c>bridge: {}</c>.</item>
/// <item><see cref="VirtualMachineRules.InterfaceRemovedWithoutUnplug"/>: a plugged bridge interface removed outright
/// comes back from the old object with <c>state: absent</c>, at its old index, with its network if that went too.</item>
/// <item><see cref="VirtualMachineRules.AbsentNetworkRestored"/>: an absent interface whose network the edit removed
/// gets the network back from the old object.</item>
/// </list>
/// Entries are taken from the old object's raw JSON, so fields this model does not know survive. Re-added elements
/// go to their old index (clamped), processed in old order, so a removal of several keeps the old object's order.
/// Every index-based operation is guarded by a <c>test</c>; mutating the result again yields nothing.
/// </summary>
public sealed class VirtualMachineMutator(INadLookup nads) : IAdmissionMutator<VirtualMachine>
{
    private static readonly JsonPointer InterfacesPointer = JsonPointer.Parse(VirtualMachineFields.InterfacesPointer);
    private static readonly JsonPointer NetworksPointer = JsonPointer.Parse(VirtualMachineFields.NetworksPointer);

    public async ValueTask<MutationResult> MutateAsync(MutationContext<VirtualMachine> context, CancellationToken cancellationToken)
    {
        if (context.OldObject is not { } old || !VmEdit.IsRunningUpdateOf(context.Attributes, old))
        {
            return MutationResult.None;
        }
        if (!MayMutate(context.Object, old) || context.RawOldObject is not { } rawOld)
        {
            // The common running UPDATE has nothing to repair: don't build JSON trees of both objects for it, nor the
            // request's reading.
            return MutationResult.None;
        }
        var edit = VmEdit.Of(context.Attributes, context.Object, old);
        var policy = context.Attributes.Policy;
        var session = new PatchSession(context.RawObject);
        // Entries are restored as the old object's elements are (no tree of the old object is built, nothing copied).
        var oldInterfaces = new ElementList(rawOld, InterfacesPointer);
        var oldNetworks = new ElementList(rawOld, NetworksPointer);
        var codes = new List<string>();

        if (policy.IsEnabled(VirtualMachineRules.HotplugDefaultBridge) && await AddDefaultBridgesAsync(edit, session, cancellationToken))
        {
            codes.Add(VirtualMachineRules.HotplugDefaultBridge.Code);
        }

        // The rule that restores each old network, by its old index: they are inserted in old order by one pass over it
        // (an old index comes up at most once per rule, and the first rule to claim it keeps it).
        string?[]? networksToRestore = null;
        var unplugs = policy.IsEnabled(VirtualMachineRules.InterfaceRemovedWithoutUnplug) ? Unplugs(edit) : [];
        // All or nothing: a half-restored removal would leave the validator to deny what the patch claims to fix.
        if (unplugs.Count > 0 && session.CanInsert(InterfacesPointer)
            && (AllNetworksKept(unplugs, context.Object) || session.CanInsert(NetworksPointer)))
        {
            // One value for every restored state: the operations only read it (see AddDefaultBridgesAsync).
            var absent = JsonValue.Create(VmInterface.StateAbsent);
            foreach (var removed in unplugs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                session.Insert(InterfacesPointer, removed.OldIndex, RequestElementValue.Of(oldInterfaces[removed.OldIndex], "state", absent));
                if (context.Object.FindNetwork(removed.Name) is null)
                {
                    (networksToRestore ??= new string?[edit.Old!.Networks.Count])[removed.OldNetworkIndex!.Value] ??= VirtualMachineRules.InterfaceRemovedWithoutUnplug.Code;
                }
            }
            codes.Add(VirtualMachineRules.InterfaceRemovedWithoutUnplug.Code);
        }

        if (policy.IsEnabled(VirtualMachineRules.AbsentNetworkRestored))
        {
            var interfaces = context.Object.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                var iface = interfaces[i];
                if (iface.IsAbsent && context.Object.FindNetwork(iface.Name) is null && edit.Old!.FindNetwork(iface.Name) is { Index: var oldIndex })
                {
                    (networksToRestore ??= new string?[edit.Old!.Networks.Count])[oldIndex] ??= VirtualMachineRules.AbsentNetworkRestored.Code;
                }
            }
        }
        if (networksToRestore is not null && session.CanInsert(NetworksPointer))
        {
            for (var oldIndex = 0; oldIndex < networksToRestore.Length; oldIndex++)
            {
                if (networksToRestore[oldIndex] is not { } code)
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                session.Insert(NetworksPointer, oldIndex, RequestElementValue.Of(oldNetworks[oldIndex]));
                if (!codes.Contains(code))
                {
                    codes.Add(code);
                }
            }
        }
        return new MutationResult(session.Operations, codes);
    }

    /// <summary>
    /// A cheap look for anything the mutations below could act on, on a running UPDATE (the same definitions as
    /// <see cref="VmEdit"/>, which is built only when this finds something). It runs on every running UPDATE, so it
    /// allocates nothing: loops by index (a foreach over an <see cref="IReadOnlyList{T}"/> that is an array allocates its enumerator)
    /// and <see cref="VmInterface.BindingCount"/> (<see cref="VmInterface.Bindings"/> builds a list).
    /// </summary>
    private static bool MayMutate(VirtualMachine current, VirtualMachine old)
    {
        for (var i = 0; i < old.Interfaces.Count; i++)
        {
            if (VmEdit.RemovalAt(current, old, i) is { Kind: RemovalKind.Unplug })
            {
                return true;
            }
        }
        var interfaces = current.Interfaces;
        for (var i = 0; i < interfaces.Count; i++)
        {
            var iface = interfaces[i];
            if ((iface.BindingCount == 0 && VmEdit.IsHotPluggedName(current, old, iface.Name)) || (iface.IsAbsent && current.FindNetwork(iface.Name) is null))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The removals that should have been unplugs, in old order.</summary>
    private static List<RemovedInterface> Unplugs(VmEdit edit)
    {
        // Sized for every removal: a removal of thousands of interfaces (issue 13's case) fills it without regrowing.
        var removed = edit.Removed;
        var unplugs = new List<RemovedInterface>(removed.Count);
        for (var i = 0; i < removed.Count; i++)
        {
            if (removed[i].Kind == RemovalKind.Unplug)
            {
                unplugs.Add(removed[i]);
            }
        }
        return unplugs;
    }

    // A loop, not a lambda over the context: a lambda capturing the async method's parameter makes the compiler allocate
    // its closure on entry to MutateAsync, on every review, even one that returns before reaching it.
    private static bool AllNetworksKept(List<RemovedInterface> unplugs, VirtualMachine current)
    {
        foreach (var removed in unplugs)
        {
            if (current.FindNetwork(removed.Name) is null)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Adds <c>bridge: {}</c> to hot-plugged interfaces without binding whose network is a Kube-OVN NAD.</summary>
    private async Task<bool> AddDefaultBridgesAsync(VmEdit edit, PatchSession session, CancellationToken cancellationToken)
    {
        var changed = false;
        // One `{}` for every bridge added: the operations' values are only read after this (written, compared by the
        // proof, deep-copied by the tree applier), so thousands of interfaces need no object and member table each.
        JsonObject? bridge = null;
        var interfaces = edit.Current.Interfaces;
        for (var i = 0; i < interfaces.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var iface = interfaces[i];
            if (!edit.IsHotPlugged(iface) || iface.BindingCount > 0
                || edit.Current.FindNetwork(iface.Name) is not { Network: var network }
                || edit.ReferenceOf(network) is not { } reference)
            {
                continue;
            }
            if (await nads.FindNadAsync(reference.Key, cancellationToken) is { Flavour: not CniFlavour.None })
            {
                session.AddMember(InterfacesPointer, i, VmBinding.Bridge, bridge ??= new JsonObject());
                changed = true;
            }
        }
        return changed;
    }
}

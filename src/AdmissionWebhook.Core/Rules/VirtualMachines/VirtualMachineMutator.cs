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
/// Entries are copied from the old object's raw JSON, so fields this model does not know survive. Re-added elements
/// go to their old index (clamped), processed in old order, so a removal of several keeps the old object's order.
/// Every index-based operation is guarded by a <c>test</c>; mutating the result again yields nothing.
/// </summary>
public sealed class VirtualMachineMutator(INadLookup nads) : IAdmissionMutator<VirtualMachine>
{
    private static readonly JsonPointer InterfacesPointer = JsonPointer.Parse(VirtualMachineFields.InterfacesPointer);
    private static readonly JsonPointer NetworksPointer = JsonPointer.Parse(VirtualMachineFields.NetworksPointer);

    public async ValueTask<MutationResult> MutateAsync(MutationContext<VirtualMachine> context, CancellationToken cancellationToken)
    {
        var edit = VmEdit.Of(context.Attributes, context.Object, context.OldObject);
        if (!edit.IsRunningUpdate || context.OldObject is null)
        {
            return MutationResult.None;
        }
        if (!MayMutate(edit, context.Object) || context.RawOldObject is not { } rawOld)
        {
            // The common running UPDATE has nothing to repair: don't build JSON trees of both objects for it.
            return MutationResult.None;
        }
        var policy = context.Attributes.Policy;
        var session = new PatchSession(context.RawObject);
        // Entries are copied from the old object's elements as they are (no tree of the old object is built), from one
        // detached copy made only when something is restored.
        var detachedOld = new Lazy<JsonElement>(rawOld.Clone, LazyThreadSafetyMode.None);
        var oldInterfaces = new ElementList(detachedOld, InterfacesPointer);
        var oldNetworks = new ElementList(detachedOld, NetworksPointer);
        var codes = new List<string>();

        if (policy.IsEnabled(VirtualMachineRules.HotplugDefaultBridge) && await AddDefaultBridgesAsync(edit, session, cancellationToken))
        {
            codes.Add(VirtualMachineRules.HotplugDefaultBridge.Code);
        }

        var networksToRestore = new List<(int OldIndex, string Code)>();
        var restoredOldIndices = new HashSet<int>();
        var unplugs = policy.IsEnabled(VirtualMachineRules.InterfaceRemovedWithoutUnplug)
            ? edit.Removed.Where(r => r.Kind == RemovalKind.Unplug).ToList()
            : [];
        // All or nothing: a half-restored removal would leave the validator to deny what the patch claims to fix.
        if (unplugs.Count > 0 && session.CanInsert(InterfacesPointer)
            && (unplugs.All(r => context.Object.FindNetwork(r.Name) is not null) || session.CanInsert(NetworksPointer)))
        {
            foreach (var removed in unplugs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var element = JsonObject.Create(oldInterfaces[removed.OldIndex])!;
                element["state"] = VmInterface.StateAbsent;
                session.Insert(InterfacesPointer, removed.OldIndex, element);
                if (context.Object.FindNetwork(removed.Name) is null)
                {
                    networksToRestore.Add((removed.OldNetworkIndex!.Value, VirtualMachineRules.InterfaceRemovedWithoutUnplug.Code));
                    restoredOldIndices.Add(removed.OldNetworkIndex!.Value);
                }
            }
            codes.Add(VirtualMachineRules.InterfaceRemovedWithoutUnplug.Code);
        }

        if (policy.IsEnabled(VirtualMachineRules.AbsentNetworkRestored))
        {
            foreach (var iface in context.Object.Interfaces)
            {
                if (iface.IsAbsent && context.Object.FindNetwork(iface.Name) is null && edit.Old!.FindNetwork(iface.Name) is { Index: var oldIndex }
                    && restoredOldIndices.Add(oldIndex))
                {
                    networksToRestore.Add((oldIndex, VirtualMachineRules.AbsentNetworkRestored.Code));
                }
            }
        }
        if (networksToRestore.Count > 0 && session.CanInsert(NetworksPointer))
        {
            foreach (var (oldIndex, code) in networksToRestore.OrderBy(n => n.OldIndex))
            {
                cancellationToken.ThrowIfCancellationRequested();
                session.Insert(NetworksPointer, oldIndex, JsonElementView.Over(oldNetworks[oldIndex])!);
                if (!codes.Contains(code))
                {
                    codes.Add(code);
                }
            }
        }
        return new MutationResult(session.Operations, codes);
    }

    /// <summary>A cheap look for anything the mutations below could act on.</summary>
    private static bool MayMutate(VmEdit edit, VirtualMachine current)
    {
        foreach (var removed in edit.Removed)
        {
            if (removed.Kind == RemovalKind.Unplug)
            {
                return true;
            }
        }
        foreach (var iface in current.Interfaces)
        {
            if ((edit.IsHotPlugged(iface) && iface.Bindings.Count == 0) || (iface.IsAbsent && current.FindNetwork(iface.Name) is null))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds <c>bridge: {}</c> to hot-plugged interfaces without binding whose network is a Kube-OVN NAD.</summary>
    private async Task<bool> AddDefaultBridgesAsync(VmEdit edit, PatchSession session, CancellationToken cancellationToken)
    {
        var changed = false;
        var interfaces = edit.Current.Interfaces;
        for (var i = 0; i < interfaces.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var iface = interfaces[i];
            if (!edit.IsHotPlugged(iface) || iface.Bindings.Count > 0
                || edit.Current.FindNetwork(iface.Name) is not { Network: var network }
                || edit.ReferenceOf(network) is not { } reference)
            {
                continue;
            }
            if (await nads.FindNadAsync(reference.Key, cancellationToken) is { Flavour: not CniFlavour.None })
            {
                session.AddMember(InterfacesPointer, i, VmBinding.Bridge, new JsonObject());
                changed = true;
            }
        }
        return changed;
    }
}

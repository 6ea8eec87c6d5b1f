using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// What a hot-plugged interface (one the old object lacks, added to a running VM) must be: a binding KubeVirt plugs in
/// place, a virtio model, present rather than absent, on a NAD that exists and, for Kube-OVN, has a Subnet. The NAD
/// checks also cover an existing network moved to another NAD (VmNetworkReferenceChanged).
/// UPDATE only; skipped for exempt users and stopped VMs (<see cref="VmEdit.IsRunningUpdate"/>).
/// </summary>
public sealed class HotplugRules : AbstractValidator<VirtualMachine>
{
    /// <summary>Interfaces KubeVirt v1.4/v1.5 reserve PCI slots for at boot (<c>ReservedInterfaces</c>).</summary>
    public const int ReservedInterfaces = 4;

    public HotplugRules()
    {
        RuleSet(RuleSets.Update, () =>
        {
            // One rule, one Custom component per check: the accessor (interpreted under Native AOT) runs once for all of them.
            RuleFor(vm => vm).Custom((vm, context) =>
            {
                var edit = VmEdit.Of(context);
                if (!edit.IsRunningUpdate)
                {
                    return;
                }
                var interfaces = vm.Interfaces;
                for (var i = 0; i < interfaces.Count; i++)
                {
                    if (edit.IsHotPlugged(interfaces[i]))
                    {
                        CheckInterface(interfaces[i], i, context);
                    }
                }
            })
            .Custom((vm, context) =>
            {
                var edit = VmEdit.Of(context);
                if (!edit.IsRunningUpdate)
                {
                    return;
                }
                var networks = vm.Networks;
                var targets = NetworkTargets.Of(context);
                for (var i = 0; i < networks.Count; i++)
                {
                    if (targets[i] is { } target && edit.NeedsHotplugChecks(networks[i]))
                    {
                        CheckNetwork(networks[i], i, target, context);
                    }
                }
            })
            .Custom((vm, context) =>
            {
                var edit = VmEdit.Of(context);
                var interfaces = vm.Interfaces;
                var hotPlugged = 0;
                for (var i = 0; i < interfaces.Count && edit.IsRunningUpdate; i++)
                {
                    hotPlugged += edit.IsHotPlugged(interfaces[i]) ? 1 : 0;
                }
                var reserved = Math.Max(0, ReservedInterfaces - edit.OldInterfaceCount);
                if (hotPlugged > reserved)
                {
                    context.Report(VirtualMachineRules.HotplugCapacity, VirtualMachineFields.Interfaces,
                        $"{hotPlugged} NICs hot-plugged, {reserved} PCI slots reserved: the rest attach after a restart");
                }
            });
        });
    }

    private static void CheckInterface(VmInterface iface, int index, ValidationContext<VirtualMachine> context)
    {
        CheckBinding(iface, index, context);
        if (!string.IsNullOrEmpty(iface.Model) && iface.Model != ModelRules.Virtio)
        {
            context.Report(VirtualMachineRules.HotplugModelUnsupported, VmFieldPaths.Interface(index, "model"),
                $"interface \"{iface.Name}\" is hot-plugged with model \"{iface.Model}\", but hot-plugged NICs are virtio: remove model or set virtio");
        }
        if (iface.IsAbsent)
        {
            context.Report(VirtualMachineRules.HotplugNewInterfaceAbsent, VmFieldPaths.Interface(index, "state"),
                $"interface \"{iface.Name}\" is new and already absent, so it would never be plugged: remove state: absent, or do not add it");
        }
    }

    private static void CheckNetwork(VmNetwork network, int index, NetworkTarget target, ValidationContext<VirtualMachine> context)
    {
        if (target.Nad is null)
        {
            context.Report(VirtualMachineRules.HotplugNadMissing, VmFieldPaths.NetworkName(index),
                $"network \"{network.Name}\" names NetworkAttachmentDefinition {target.Reference}, which does not exist: create it first, or fix networkName \"{network.Multus!.NetworkName}\"");
            return;
        }
        if (target.SubnetMissing)
        {
            context.Report(VirtualMachineRules.HotplugSubnetMissing, VmFieldPaths.NetworkName(index),
                $"network \"{network.Name}\" uses Kube-OVN NAD {target.Reference}, but no Subnet has spec.provider \"{target.Provider}\": create that Subnet first, or the VM gets no address");
        }
    }

    private static void CheckBinding(VmInterface iface, int index, ValidationContext<VirtualMachine> context)
    {
        // No binding or several is VmBindingInvalid's finding; reporting it here too would say the same thing twice.
        if (iface.SingleBinding is not { } binding)
        {
            return;
        }
        var allowed = context.Admission().Policy.AllowedHotplugBindings;
        if (allowed.Contains(binding))
        {
            return;
        }
        var hint = binding == VmBinding.Sriov
            ? "SR-IOV plugs only through a live migration; use bridge: {} or add it while the VM is stopped"
            : "use bridge: {} or add it while the VM is stopped";
        context.Report(VirtualMachineRules.HotplugBindingUnsupported, VmFieldPaths.Interface(index, binding),
            $"interface \"{iface.Name}\" is hot-plugged with {iface.BindingDescription}, but this cluster hot-plugs only {string.Join(", ", allowed.Order(StringComparer.Ordinal))}: {hint}");
    }
}

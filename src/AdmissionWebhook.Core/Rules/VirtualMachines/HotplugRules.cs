using AdmissionWebhook.Cluster;
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

    public HotplugRules(INadLookup nads, ISubnetLookup subnets)
    {
        RuleSet(RuleSets.Update, () =>
        {
            RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
            {
                if (!VmEdit.Of(context).IsHotPlugged(iface))
                {
                    return;
                }
                CheckBinding(iface, context);
                if (!string.IsNullOrEmpty(iface.Model) && iface.Model != ModelRules.Virtio)
                {
                    context.Report(VirtualMachineRules.HotplugModelUnsupported, FieldPathResolver.Child(context.PropertyPath, "model"),
                        $"interface \"{iface.Name}\" is hot-plugged with model \"{iface.Model}\", but hot-plugged NICs are virtio: remove model or set virtio");
                }
                if (iface.IsAbsent)
                {
                    context.Report(VirtualMachineRules.HotplugNewInterfaceAbsent, FieldPathResolver.Child(context.PropertyPath, "state"),
                        $"interface \"{iface.Name}\" is new and already absent, so it would never be plugged: remove state: absent, or do not add it");
                }
            });

            RuleForEach(vm => vm.Networks).CustomAsync(async (network, context, cancellationToken) =>
            {
                var edit = VmEdit.Of(context);
                if (!edit.NeedsHotplugChecks(network) || edit.ReferenceOf(network) is not { } reference)
                {
                    return;
                }
                var field = FieldPathResolver.Child(FieldPathResolver.Child(context.PropertyPath, "multus"), "networkName");
                var nad = await nads.FindNadAsync(reference.Key, cancellationToken);
                if (nad is null)
                {
                    context.Report(VirtualMachineRules.HotplugNadMissing, field,
                        $"network \"{network.Name}\" names NetworkAttachmentDefinition {reference}, which does not exist: create it first, or fix networkName \"{network.Multus!.NetworkName}\"");
                    return;
                }
                if (nad.CanonicalProvider is { } provider && subnets.FindSubnetsByProvider(provider.ToString()).Count == 0)
                {
                    context.Report(VirtualMachineRules.HotplugSubnetMissing, field,
                        $"network \"{network.Name}\" uses Kube-OVN NAD {reference}, but no Subnet has spec.provider \"{provider}\": create that Subnet first, or the VM gets no address");
                }
            });

            RuleFor(vm => vm.Interfaces).Custom((interfaces, context) =>
            {
                var edit = VmEdit.Of(context);
                var hotPlugged = interfaces.Count(edit.IsHotPlugged);
                var reserved = Math.Max(0, ReservedInterfaces - edit.OldInterfaceCount);
                if (hotPlugged > reserved)
                {
                    context.Report(VirtualMachineRules.HotplugCapacity, context.PropertyPath,
                        $"{hotPlugged} NICs hot-plugged, {reserved} PCI slots reserved: the rest attach after a restart");
                }
            });
        });
    }

    private static void CheckBinding(VmInterface iface, ValidationContext<VirtualMachine> context)
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
        context.Report(VirtualMachineRules.HotplugBindingUnsupported, FieldPathResolver.Child(context.PropertyPath, binding),
            $"interface \"{iface.Name}\" is hot-plugged with {iface.BindingDescription}, but this cluster hot-plugs only {string.Join(", ", allowed.Order(StringComparer.Ordinal))}: {hint}");
    }
}

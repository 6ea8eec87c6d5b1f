using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Edits of what a running VM already has: existing interfaces and networks keep what cannot change live (a changed
/// NAD reference is only reported), an unplug
/// is not reverted, and interfaces leave through <c>state: absent</c> rather than by deletion. UPDATE only; skipped for
/// exempt users (KubeVirt's controller removes absent entries itself) and stopped VMs.
/// </summary>
public sealed class RunningEditRules : AbstractValidator<VirtualMachine>
{
    public RunningEditRules()
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
                    var iface = interfaces[i];
                    if (edit.Old!.FindInterface(iface.Name) is not { Interface: var old })
                    {
                        continue;
                    }
                    CheckUnchanged(iface, old, i, context);
                    if (old.IsAbsent && !iface.IsAbsent)
                    {
                        context.Report(VirtualMachineRules.UnplugReverted, VmFieldPaths.Interface(i, "state"),
                            $"interface \"{iface.Name}\" is being unplugged: keep state: absent; once KubeVirt has removed it, hot-plug it again as a new interface");
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
                for (var i = 0; i < networks.Count; i++)
                {
                    if (edit.Old!.FindNetwork(networks[i].Name) is { Network: var old })
                    {
                        CheckSourceUnchanged(networks[i], old, i, edit, context);
                    }
                }
            })
            .Custom((_, context) =>
            {
                var edit = VmEdit.Of(context);
                foreach (var removed in edit.Removed)
                {
                    switch (removed.Kind)
                    {
                        case RemovalKind.Unplug:
                            context.Report(VirtualMachineRules.InterfaceRemovedWithoutUnplug, VirtualMachineFields.Interfaces,
                                $"interface \"{removed.Name}\" is plugged into the running VM and removing it unplugs nothing: set state: absent on interface \"{removed.Name}\" instead of removing it, and keep its network");
                            break;
                        case RemovalKind.NeedsRestart:
                            context.Report(VirtualMachineRules.RemovalNeedsRestart, VirtualMachineFields.Interfaces,
                                $"interface \"{removed.Name}\" ({removed.Interface.BindingDescription}) stays in the guest until the VM restarts");
                            break;
                    }
                }
            });
        });
    }

    private static void CheckUnchanged(VmInterface iface, VmInterface old, int index, ValidationContext<VirtualMachine> context)
    {
        if (!iface.HasSameBindingsAs(old) || iface.Binding?.Name != old.Binding?.Name)
        {
            Report(context, VmFieldPaths.Interface(index), iface, "binding", old.BindingDescription, iface.BindingDescription);
        }
        if (!string.Equals(Normal(iface.Model), Normal(old.Model), StringComparison.Ordinal))
        {
            Report(context, VmFieldPaths.Interface(index, "model"), iface, "model", Quote(old.Model), Quote(iface.Model));
        }
        if (!SameMac(iface.MacAddress, old.MacAddress))
        {
            Report(context, VmFieldPaths.Interface(index, "macAddress"), iface, "macAddress", Quote(old.MacAddress), Quote(iface.MacAddress));
        }
        if (!SamePciAddress(iface.PciAddress, old.PciAddress))
        {
            Report(context, VmFieldPaths.Interface(index, "pciAddress"), iface, "pciAddress", Quote(old.PciAddress), Quote(iface.PciAddress));
        }
    }

    private static void CheckSourceUnchanged(VmNetwork network, VmNetwork old, int index, VmEdit edit, ValidationContext<VirtualMachine> context)
    {
        var name = network.Name;
        if (!network.HasSameSourcesAs(old))
        {
            context.Report(VirtualMachineRules.InterfaceChangedWhileRunning, VmFieldPaths.Network(index),
                $"network \"{name}\" changed its source from {Describe(old.Sources)} to {Describe(network.Sources)} while the VM runs: revert it, or stop the VM to change it");
            return;
        }
        if (edit.IsReferenceChanged(network))
        {
            // KubeVirt v1.9+ moves the interface to the new NAD by live migration (LiveUpdateNADRef); older versions
            // apply it at the next restart. Not a denial: the new NAD gets the hot-plug checks instead (HotplugRules).
            context.Report(VirtualMachineRules.NetworkReferenceChanged, VmFieldPaths.NetworkName(index),
                $"network \"{name}\" now names {network.Multus!.NetworkName}: live on KubeVirt v1.9+, else after a restart");
        }
    }

    private static void Report(ValidationContext<VirtualMachine> context, string field, VmInterface iface, string what, string before, string after) =>
        context.Report(VirtualMachineRules.InterfaceChangedWhileRunning, field,
            $"interface \"{iface.Name}\" changed {what} from {before} to {after} while the VM runs: revert it, or stop the VM, edit it and start it again");

    private static bool SameMac(string? left, string? right) =>
        string.Equals(Normal(left), Normal(right), StringComparison.Ordinal)
        || (MacAddress.TryParse(left, out var a) && MacAddress.TryParse(right, out var b) && a == b);

    // Compared in lower case; equal text (the usual case, and both unset) needs no lowered copies.
    private static bool SamePciAddress(string? left, string? right) =>
        string.Equals(Normal(left), Normal(right), StringComparison.Ordinal)
        || string.Equals(Normal(left)?.ToLowerInvariant(), Normal(right)?.ToLowerInvariant(), StringComparison.Ordinal);

    private static string? Normal(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Quote(string? value) => string.IsNullOrEmpty(value) ? "unset" : $"\"{value}\"";

    private static string Describe(IReadOnlyList<string> sources) => sources.Count == 0 ? "none" : string.Join(" and ", sources);
}

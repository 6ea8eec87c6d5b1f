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
            RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
            {
                var edit = VmEdit.Of(context);
                if (!edit.IsRunningUpdate || edit.Old!.FindInterface(iface.Name) is not { Interface: var old })
                {
                    return;
                }
                CheckUnchanged(iface, old, context);
                if (old.IsAbsent && !iface.IsAbsent)
                {
                    context.Report(VirtualMachineRules.UnplugReverted, FieldPathResolver.Child(context.PropertyPath, "state"),
                        $"interface \"{iface.Name}\" is being unplugged: keep state: absent; once KubeVirt has removed it, hot-plug it again as a new interface");
                }
            });

            RuleForEach(vm => vm.Networks).Custom((network, context) =>
            {
                var edit = VmEdit.Of(context);
                if (!edit.IsRunningUpdate || edit.Old!.FindNetwork(network.Name) is not { Network: var old })
                {
                    return;
                }
                CheckSourceUnchanged(network, old, edit, context);
            });

            RuleFor(vm => vm.Interfaces).Custom((_, context) =>
            {
                var edit = VmEdit.Of(context);
                foreach (var removed in edit.Removed)
                {
                    switch (removed.Kind)
                    {
                        case RemovalKind.Unplug:
                            context.Report(VirtualMachineRules.InterfaceRemovedWithoutUnplug, context.PropertyPath,
                                $"interface \"{removed.Name}\" is plugged into the running VM and removing it unplugs nothing: set state: absent on interface \"{removed.Name}\" instead of removing it, and keep its network");
                            break;
                        case RemovalKind.NeedsRestart:
                            context.Report(VirtualMachineRules.RemovalNeedsRestart, context.PropertyPath,
                                $"interface \"{removed.Name}\" ({removed.Interface.BindingDescription}) stays in the guest until the VM restarts");
                            break;
                    }
                }
            });
        });
    }

    private static void CheckUnchanged(VmInterface iface, VmInterface old, ValidationContext<VirtualMachine> context)
    {
        var path = context.PropertyPath;
        if (!iface.Bindings.SequenceEqual(old.Bindings, StringComparer.Ordinal) || iface.Binding?.Name != old.Binding?.Name)
        {
            Report(context, path, iface, "binding", old.BindingDescription, iface.BindingDescription);
        }
        if (!string.Equals(Normal(iface.Model), Normal(old.Model), StringComparison.Ordinal))
        {
            Report(context, FieldPathResolver.Child(path, "model"), iface, "model", Quote(old.Model), Quote(iface.Model));
        }
        if (!SameMac(iface.MacAddress, old.MacAddress))
        {
            Report(context, FieldPathResolver.Child(path, "macAddress"), iface, "macAddress", Quote(old.MacAddress), Quote(iface.MacAddress));
        }
        if (!string.Equals(Normal(iface.PciAddress)?.ToLowerInvariant(), Normal(old.PciAddress)?.ToLowerInvariant(), StringComparison.Ordinal))
        {
            Report(context, FieldPathResolver.Child(path, "pciAddress"), iface, "pciAddress", Quote(old.PciAddress), Quote(iface.PciAddress));
        }
    }

    private static void CheckSourceUnchanged(VmNetwork network, VmNetwork old, VmEdit edit, ValidationContext<VirtualMachine> context)
    {
        var path = context.PropertyPath;
        var name = network.Name;
        if (!network.Sources.SequenceEqual(old.Sources, StringComparer.Ordinal))
        {
            context.Report(VirtualMachineRules.InterfaceChangedWhileRunning, path,
                $"network \"{name}\" changed its source from {Describe(old.Sources)} to {Describe(network.Sources)} while the VM runs: revert it, or stop the VM to change it");
            return;
        }
        if (edit.IsReferenceChanged(network))
        {
            // KubeVirt v1.9+ moves the interface to the new NAD by live migration (LiveUpdateNADRef); older versions
            // apply it at the next restart. Not a denial: the new NAD gets the hot-plug checks instead (HotplugRules).
            context.Report(VirtualMachineRules.NetworkReferenceChanged, FieldPathResolver.Child(FieldPathResolver.Child(path, "multus"), "networkName"),
                $"network \"{name}\" now names {network.Multus!.NetworkName}: live on KubeVirt v1.9+, else after a restart");
        }
    }

    private static void Report(ValidationContext<VirtualMachine> context, string field, VmInterface iface, string what, string before, string after) =>
        context.Report(VirtualMachineRules.InterfaceChangedWhileRunning, field,
            $"interface \"{iface.Name}\" changed {what} from {before} to {after} while the VM runs: revert it, or stop the VM, edit it and start it again");

    private static bool SameMac(string? left, string? right) =>
        MacAddress.TryParse(left, out var a) && MacAddress.TryParse(right, out var b)
            ? a == b
            : string.Equals(Normal(left), Normal(right), StringComparison.Ordinal);

    private static string? Normal(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Quote(string? value) => string.IsNullOrEmpty(value) ? "unset" : $"\"{value}\"";

    private static string Describe(IReadOnlyList<string> sources) => sources.Count == 0 ? "none" : string.Join(" and ", sources);
}

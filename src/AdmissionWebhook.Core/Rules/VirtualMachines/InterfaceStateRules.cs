using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>The <c>state</c> of each interface, and where <c>absent</c> (hot-unplug) is possible. CREATE and UPDATE.</summary>
public sealed class InterfaceStateRules : AbstractValidator<VirtualMachine>
{
    public InterfaceStateRules()
    {
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                Check(vm, interfaces[i], i, context);
            }
        });
    }

    private static void Check(VirtualMachine vm, VmInterface iface, int index, ValidationContext<VirtualMachine> context)
    {
        var name = iface.Name ?? string.Empty;
        switch (iface.State)
        {
            case null or "":
                return;
            case VmInterface.StateUp or VmInterface.StateDown when iface.Sriov is not null:
                context.Report(VirtualMachineRules.InterfaceStateInvalid, VmFieldPaths.Interface(index, "state"),
                    $"interface \"{name}\" is SR-IOV, which has no link state \"{iface.State}\": remove state");
                return;
            case VmInterface.StateUp or VmInterface.StateDown:
                return;
            case VmInterface.StateAbsent:
                CheckAbsent(vm, iface, name, index, context);
                return;
            default:
                var hint = string.Equals(iface.State, VmInterface.StateAbsent, StringComparison.OrdinalIgnoreCase)
                    ? "write \"absent\" in lower case"
                    : "use absent (to unplug), up or down, or remove state";
                context.Report(VirtualMachineRules.InterfaceStateInvalid, VmFieldPaths.Interface(index, "state"),
                    $"interface \"{name}\" has state \"{iface.State}\", which is not absent, up or down: {hint}");
                return;
        }
    }

    private static void CheckAbsent(VirtualMachine vm, VmInterface iface, string name, int index, ValidationContext<VirtualMachine> context)
    {
        if (iface.Bridge is null)
        {
            context.Report(VirtualMachineRules.AbsentRequiresBridge, VmFieldPaths.Interface(index, "state"),
                $"interface \"{name}\" uses {iface.BindingDescription}, and only bridge interfaces can be unplugged: remove state: absent, or remove the interface and restart the VM");
        }
        if (vm.FindNetwork(iface.Name) is { Network.IsDefault: true } network)
        {
            var kind = network.Network.IsPod ? "the pod network" : "the Multus default network";
            context.Report(VirtualMachineRules.AbsentOnDefaultNetwork, VmFieldPaths.Interface(index, "state"),
                $"interface \"{name}\" is on {kind}, which cannot be unplugged: remove state: absent from it");
        }
    }
}

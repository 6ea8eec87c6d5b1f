using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Interfaces and networks pair up by name, and names are unique. CREATE and UPDATE. Each concern is one rule over the
/// VM that loops by index (no child context per element); field paths are built only for a failure.
/// </summary>
public sealed class InterfacePairingRules : AbstractValidator<VirtualMachine>
{
    public InterfacePairingRules()
    {
        // One rule, one Custom component per check: the accessor (interpreted under Native AOT) runs once for all of them.
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                var iface = interfaces[i];
                if (string.IsNullOrEmpty(iface.Name) || vm.FindNetwork(iface.Name) is not null)
                {
                    continue;
                }
                var hint = iface.IsAbsent
                    ? $"an absent interface keeps its network until KubeVirt removes both: put network \"{iface.Name}\" back"
                    : $"add network \"{iface.Name}\" to spec.template.spec.networks";
                context.Report(VirtualMachineRules.InterfaceWithoutNetwork, VmFieldPaths.Interface(i, "name"),
                    $"interface \"{iface.Name}\" has no network of the same name: {hint}");
            }
        })
        .Custom((vm, context) =>
        {
            var networks = vm.Networks;
            for (var i = 0; i < networks.Count; i++)
            {
                var network = networks[i];
                if (string.IsNullOrEmpty(network.Name) || vm.FindInterface(network.Name) is not null)
                {
                    continue;
                }
                context.Report(VirtualMachineRules.NetworkWithoutInterface, VmFieldPaths.Network(i, "name"),
                    $"network \"{network.Name}\" has no interface of the same name: add interface \"{network.Name}\" to domain.devices.interfaces, or remove the network");
            }
        })
        .Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                // The name index keeps each name's first position: any other position holding the name is a duplicate.
                if (interfaces[i].Name is { Length: > 0 } name && vm.FindInterface(name)!.Value.Index is var earlier && earlier != i)
                {
                    ReportDuplicate(context, VmFieldPaths.Interface(i, "name"), "interface", name, earlier);
                }
            }
        })
        .Custom((vm, context) =>
        {
            var networks = vm.Networks;
            for (var i = 0; i < networks.Count; i++)
            {
                if (networks[i].Name is { Length: > 0 } name && vm.FindNetwork(name)!.Value.Index is var earlier && earlier != i)
                {
                    ReportDuplicate(context, VmFieldPaths.Network(i, "name"), "network", name, earlier);
                }
            }
        });
    }

    private static void ReportDuplicate(ValidationContext<VirtualMachine> context, string field, string what, string name, int earlier) =>
        context.Report(VirtualMachineRules.DuplicateName, field,
            $"{what} name \"{name}\" is already used by {what}s[{earlier}]: rename or remove one of them");
}

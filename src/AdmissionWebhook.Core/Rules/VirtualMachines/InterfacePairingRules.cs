using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>Interfaces and networks pair up by name, and names are unique. CREATE and UPDATE.</summary>
public sealed class InterfacePairingRules : AbstractValidator<VirtualMachine>
{
    public InterfacePairingRules()
    {
        RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
        {
            if (string.IsNullOrEmpty(iface.Name) || context.InstanceToValidate.FindNetwork(iface.Name) is not null)
            {
                return;
            }
            var hint = iface.IsAbsent
                ? $"an absent interface keeps its network until KubeVirt removes both: put network \"{iface.Name}\" back"
                : $"add network \"{iface.Name}\" to spec.template.spec.networks";
            context.Report(VirtualMachineRules.InterfaceWithoutNetwork, FieldPathResolver.Child(context.PropertyPath, "name"),
                $"interface \"{iface.Name}\" has no network of the same name: {hint}");
        });

        RuleForEach(vm => vm.Networks).Custom((network, context) =>
        {
            if (string.IsNullOrEmpty(network.Name) || context.InstanceToValidate.FindInterface(network.Name) is not null)
            {
                return;
            }
            context.Report(VirtualMachineRules.NetworkWithoutInterface, FieldPathResolver.Child(context.PropertyPath, "name"),
                $"network \"{network.Name}\" has no interface of the same name: add interface \"{network.Name}\" to domain.devices.interfaces, or remove the network");
        });

        RuleFor(vm => vm.Interfaces).Custom((interfaces, context) =>
            ReportDuplicates(context, interfaces.Select(i => i.Name).ToList(), VirtualMachineFields.Interfaces, "interface"));

        RuleFor(vm => vm.Networks).Custom((networks, context) =>
            ReportDuplicates(context, networks.Select(n => n.Name).ToList(), VirtualMachineFields.Networks, "network"));
    }

    private static void ReportDuplicates(ValidationContext<VirtualMachine> context, List<string?> names, string listPath, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is not { Length: > 0 } name)
            {
                continue;
            }
            if (first.TryGetValue(name, out var earlier))
            {
                context.Report(VirtualMachineRules.DuplicateName, FieldPathResolver.Child(FieldPathResolver.Index(listPath, i), "name"),
                    $"{what} name \"{name}\" is already used by {what}s[{earlier}]: rename or remove one of them");
                continue;
            }
            first[name] = i;
        }
    }
}

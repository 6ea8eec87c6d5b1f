using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>Interfaces and networks pair up by name. CREATE and UPDATE.</summary>
public sealed class InterfacePairingRules : AbstractValidator<VirtualMachine>
{
    public InterfacePairingRules()
    {
        RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
        {
            if (string.IsNullOrEmpty(iface.Name))
            {
                return;
            }
            foreach (var network in context.InstanceToValidate.Networks)
            {
                if (network.Name == iface.Name)
                {
                    return;
                }
            }
            context.Report(VirtualMachineRules.InterfaceWithoutNetwork, FieldPathResolver.Child(context.PropertyPath, "name"),
                $"interface \"{iface.Name}\" has no network of the same name: add network \"{iface.Name}\" to spec.template.spec.networks");
        });
    }
}

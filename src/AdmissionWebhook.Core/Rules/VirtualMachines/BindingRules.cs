using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Each interface has exactly one binding, on a network that can carry it. CREATE and UPDATE, plus the refusal of
/// discontinued bindings on CREATE only (KubeVirt lets existing VMs keep them).
/// </summary>
public sealed class BindingRules : AbstractValidator<VirtualMachine>
{
    public BindingRules()
    {
        RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
        {
            var name = iface.Name ?? string.Empty;
            var field = context.PropertyPath;
            var bindings = iface.Bindings;
            if (bindings.Count == 0)
            {
                context.Report(VirtualMachineRules.BindingInvalid, field,
                    $"interface \"{name}\" has no binding: add exactly one, e.g. bridge: {{}} for a Multus network or masquerade: {{}} for the pod network");
                return;
            }
            if (bindings.Count > 1)
            {
                context.Report(VirtualMachineRules.BindingInvalid, field,
                    $"interface \"{name}\" has {bindings.Count} bindings ({string.Join(", ", bindings)}): keep exactly one");
                return;
            }
            if (iface.Binding is { } plugin && string.IsNullOrEmpty(plugin.Name))
            {
                context.Report(VirtualMachineRules.BindingInvalid, FieldPathResolver.Child(FieldPathResolver.Child(field, VmBinding.Plugin), "name"),
                    $"interface \"{name}\" uses a binding plugin without a name: set binding.name to a plugin registered in the KubeVirt CR");
            }
            var network = context.InstanceToValidate.FindNetwork(iface.Name)?.Network;
            if (network is not null && !network.IsPod && bindings[0] is VmBinding.Masquerade or VmBinding.PasstBinding)
            {
                context.Report(VirtualMachineRules.BindingInvalid, FieldPathResolver.Child(field, bindings[0]),
                    $"interface \"{name}\" uses {bindings[0]}, which works only on the pod network: use bridge: {{}} on network \"{name}\"");
            }
        });

        RuleSet(RuleSets.Create, () =>
        {
            RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
            {
                foreach (var binding in iface.Bindings.Where(VmBinding.Discontinued.Contains))
                {
                    context.Report(VirtualMachineRules.BindingInvalid, FieldPathResolver.Child(context.PropertyPath, binding),
                        $"interface \"{iface.Name}\" uses {binding}, discontinued since KubeVirt v1.3: use masquerade: {{}} on the pod network or bridge: {{}} on Multus");
                }
            });
        });
    }
}

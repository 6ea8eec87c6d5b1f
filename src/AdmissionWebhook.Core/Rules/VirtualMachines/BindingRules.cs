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
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                Check(vm, interfaces[i], i, context);
            }
        });

        RuleSet(RuleSets.Create, () =>
        {
            RuleFor(vm => vm).Custom((vm, context) =>
            {
                var interfaces = vm.Interfaces;
                for (var i = 0; i < interfaces.Count; i++)
                {
                    var iface = interfaces[i];
                    if (iface.Slirp is null && iface.Macvtap is null && iface.Passt is null)
                    {
                        continue;
                    }
                    foreach (var binding in iface.Bindings)
                    {
                        if (VmBinding.Discontinued.Contains(binding))
                        {
                            context.Report(VirtualMachineRules.BindingInvalid, VmFieldPaths.Interface(i, binding),
                                $"interface \"{iface.Name}\" uses {binding}, discontinued since KubeVirt v1.3: use masquerade: {{}} on the pod network or bridge: {{}} on Multus");
                        }
                    }
                }
            });
        });
    }

    private static void Check(VirtualMachine vm, VmInterface iface, int index, ValidationContext<VirtualMachine> context)
    {
        var name = iface.Name ?? string.Empty;
        var count = iface.BindingCount;
        if (count == 0)
        {
            context.Report(VirtualMachineRules.BindingInvalid, VmFieldPaths.Interface(index),
                $"interface \"{name}\" has no binding: add exactly one, e.g. bridge: {{}} for a Multus network or masquerade: {{}} for the pod network");
            return;
        }
        if (count > 1)
        {
            context.Report(VirtualMachineRules.BindingInvalid, VmFieldPaths.Interface(index),
                $"interface \"{name}\" has {count} bindings ({string.Join(", ", iface.Bindings)}): keep exactly one");
            return;
        }
        if (iface.Binding is { } plugin && string.IsNullOrEmpty(plugin.Name))
        {
            context.Report(VirtualMachineRules.BindingInvalid, FieldPathResolver.Child(VmFieldPaths.Interface(index, VmBinding.Plugin), "name"),
                $"interface \"{name}\" uses a binding plugin without a name: set binding.name to a plugin registered in the KubeVirt CR");
        }
        var binding = iface.SingleBinding;
        if (binding is VmBinding.Masquerade or VmBinding.PasstBinding && vm.FindNetwork(iface.Name)?.Network is { IsPod: false })
        {
            context.Report(VirtualMachineRules.BindingInvalid, VmFieldPaths.Interface(index, binding),
                $"interface \"{name}\" uses {binding}, which works only on the pod network: use bridge: {{}} on network \"{name}\"");
        }
    }
}

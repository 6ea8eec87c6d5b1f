using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>Interface models KubeVirt supports (<c>validateInterfaceModel</c>). CREATE and UPDATE.</summary>
public sealed class ModelRules : AbstractValidator<VirtualMachine>
{
    public const string Virtio = "virtio";

    public static IReadOnlySet<string> Supported { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "e1000", "e1000e", "igb", "ne2k_pci", "pcnet", "rtl8139", Virtio };

    public ModelRules()
    {
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                var iface = interfaces[i];
                if (string.IsNullOrEmpty(iface.Model) || Supported.Contains(iface.Model))
                {
                    continue;
                }
                var hint = iface.Model.StartsWith(Virtio, StringComparison.OrdinalIgnoreCase) ? "write model: virtio" : "use virtio, or remove model";
                context.Report(VirtualMachineRules.ModelInvalid, VmFieldPaths.Interface(i, "model"),
                    $"interface \"{iface.Name}\" has model \"{iface.Model}\", which KubeVirt does not support: {hint}");
            }
        });
    }
}

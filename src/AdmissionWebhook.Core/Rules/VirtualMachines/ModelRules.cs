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
        RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
        {
            if (string.IsNullOrEmpty(iface.Model) || Supported.Contains(iface.Model))
            {
                return;
            }
            var hint = iface.Model.StartsWith(Virtio, StringComparison.OrdinalIgnoreCase) ? "write model: virtio" : "use virtio, or remove model";
            context.Report(VirtualMachineRules.ModelInvalid, FieldPathResolver.Child(context.PropertyPath, "model"),
                $"interface \"{iface.Name}\" has model \"{iface.Model}\", which KubeVirt does not support: {hint}");
        });
    }
}

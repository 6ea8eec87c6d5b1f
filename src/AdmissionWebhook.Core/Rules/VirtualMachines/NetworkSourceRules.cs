using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>Each network has exactly one usable source, and the VM at most one default network. CREATE and UPDATE.</summary>
public sealed class NetworkSourceRules : AbstractValidator<VirtualMachine>
{
    public NetworkSourceRules()
    {
        // One rule, one Custom component per check: the accessor (interpreted under Native AOT) runs once for all of them.
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var networks = vm.Networks;
            for (var i = 0; i < networks.Count; i++)
            {
                Check(networks[i], i, context);
            }
        })
        .Custom((vm, context) =>
        {
            var networks = vm.Networks;
            int? firstPod = null;
            int? firstDefault = null;
            for (var i = 0; i < networks.Count; i++)
            {
                var network = networks[i];
                if (network.SourceCount != 1)
                {
                    // Already reported above; counting it again would report one mistake twice.
                    continue;
                }
                if (network.IsPod)
                {
                    if (firstPod is { } pod)
                    {
                        context.Report(VirtualMachineRules.NetworkSourceInvalid, VmFieldPaths.Network(i, "pod"),
                            $"network \"{network.Name}\" is a second pod network (networks[{pod}] is one): a VM has at most one, use multus for this one");
                    }
                    firstPod ??= i;
                }
                if (network.IsMultusDefault)
                {
                    if (firstDefault is { } multusDefault)
                    {
                        context.Report(VirtualMachineRules.NetworkSourceInvalid, FieldPathResolver.Child(VmFieldPaths.Network(i, "multus"), "default"),
                            $"network \"{network.Name}\" is a second Multus default network (networks[{multusDefault}] is one): remove default: true");
                    }
                    firstDefault ??= i;
                }
            }
            if (firstPod is { } podIndex && firstDefault is { } defaultIndex)
            {
                context.Report(VirtualMachineRules.NetworkSourceInvalid,
                    FieldPathResolver.Child(FieldPathResolver.Child(FieldPathResolver.Index(VirtualMachineFields.Networks, defaultIndex), "multus"), "default"),
                    $"network \"{networks[defaultIndex].Name}\" is a Multus default network, which replaces pod network \"{networks[podIndex].Name}\": remove one of them");
            }
        });
    }

    private static void Check(VmNetwork network, int index, ValidationContext<VirtualMachine> context)
    {
        var name = network.Name ?? string.Empty;
        var count = network.SourceCount;
        if (count == 0)
        {
            context.Report(VirtualMachineRules.NetworkSourceInvalid, VmFieldPaths.Network(index),
                $"network \"{name}\" has no source: add pod: {{}} or multus: {{networkName: <nad>}}");
            return;
        }
        if (count > 1)
        {
            context.Report(VirtualMachineRules.NetworkSourceInvalid, VmFieldPaths.Network(index),
                $"network \"{name}\" has {count} sources ({string.Join(", ", network.Sources)}): keep exactly one");
            return;
        }
        if (network.Multus is not { } multus)
        {
            return;
        }
        if (string.IsNullOrEmpty(multus.NetworkName))
        {
            context.Report(VirtualMachineRules.NetworkSourceInvalid, VmFieldPaths.NetworkName(index),
                $"network \"{name}\" has no multus.networkName: set it to the NetworkAttachmentDefinition's name or <namespace>/<name>");
        }
        else if (!NetworkReference.TryParse(multus.NetworkName, "default", out _))
        {
            context.Report(VirtualMachineRules.NetworkSourceInvalid, VmFieldPaths.NetworkName(index),
                $"network \"{name}\" has networkName \"{multus.NetworkName}\", which is neither <name> nor <namespace>/<name>: fix it");
        }
    }
}

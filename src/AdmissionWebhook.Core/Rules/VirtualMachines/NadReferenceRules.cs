using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Multus networks name existing NADs, and a Kube-OVN NAD has a Subnet: warnings on CREATE and for networks the edit
/// does not hot-plug or re-point, since the NAD or Subnet may be created right after the VM. A hot-plugged or re-pointed
/// network is left to <see cref="HotplugRules"/>, which denies, so the same network is never reported twice.
/// CREATE and UPDATE. The cluster view's answers were looked up before the rules ran (<see cref="NetworkTargets"/>).
/// </summary>
public sealed class NadReferenceRules : AbstractValidator<VirtualMachine>
{
    public NadReferenceRules()
    {
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var networks = vm.Networks;
            var targets = NetworkTargets.Of(context);
            for (var i = 0; i < networks.Count; i++)
            {
                if (targets[i] is { } target)
                {
                    Check(networks[i], i, target, context);
                }
            }
        });
    }

    private static void Check(VmNetwork network, int index, NetworkTarget target, ValidationContext<VirtualMachine> context)
    {
        if (target.Nad is null)
        {
            if (!(VmEdit.Of(context).NeedsHotplugChecks(network) && context.Admission().Policy.IsEnabled(VirtualMachineRules.HotplugNadMissing)))
            {
                context.Report(VirtualMachineRules.NadMissing, VmFieldPaths.NetworkName(index),
                    $"network \"{network.Name}\": NAD {target.Reference} does not exist yet; create it before the VM starts");
            }
            return;
        }
        if (target.SubnetMissing
            && !(VmEdit.Of(context).NeedsHotplugChecks(network) && context.Admission().Policy.IsEnabled(VirtualMachineRules.HotplugSubnetMissing)))
        {
            // Warnings are cut at 120 characters: the provider to create is the one thing to copy.
            context.Report(VirtualMachineRules.SubnetMissing, VmFieldPaths.NetworkName(index),
                $"network \"{network.Name}\": no Subnet has spec.provider \"{target.Provider}\", so the VM gets no address");
        }
    }
}

using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Multus networks name existing NADs, and a Kube-OVN NAD has a Subnet: warnings on CREATE and for networks the edit
/// does not hot-plug or re-point, since the NAD or Subnet may be created right after the VM. A hot-plugged or re-pointed
/// network is left to <see cref="HotplugRules"/>, which denies, so the same network is never reported twice.
/// CREATE and UPDATE.
/// </summary>
public sealed class NadReferenceRules : AbstractValidator<VirtualMachine>
{
    public NadReferenceRules(INadLookup nads, ISubnetLookup subnets)
    {
        RuleForEach(vm => vm.Networks).CustomAsync(async (network, context, cancellationToken) =>
        {
            var edit = VmEdit.Of(context);
            if (edit.ReferenceOf(network) is not { } reference)
            {
                return;
            }
            var policy = context.Admission().Policy;
            var hotplugChecked = edit.NeedsHotplugChecks(network);
            var field = FieldPathResolver.Child(FieldPathResolver.Child(context.PropertyPath, "multus"), "networkName");
            var nad = await nads.FindNadAsync(reference.Key, cancellationToken);
            if (nad is null)
            {
                if (!(hotplugChecked && policy.IsEnabled(VirtualMachineRules.HotplugNadMissing)))
                {
                    context.Report(VirtualMachineRules.NadMissing, field,
                        $"network \"{network.Name}\": NAD {reference} does not exist yet; create it before the VM starts");
                }
                return;
            }
            if (nad.CanonicalProvider is { } provider && subnets.FindSubnetsByProvider(provider.ToString()).Count == 0
                && !(hotplugChecked && policy.IsEnabled(VirtualMachineRules.HotplugSubnetMissing)))
            {
                // Warnings are cut at 120 characters: the provider to create is the one thing to copy.
                context.Report(VirtualMachineRules.SubnetMissing, field,
                    $"network \"{network.Name}\": no Subnet has spec.provider \"{provider}\", so the VM gets no address");
            }
        });
    }
}

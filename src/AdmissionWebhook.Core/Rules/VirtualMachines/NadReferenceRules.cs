using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Multus networks name existing NADs: a warning on CREATE and for networks that are not hot-plugged, since the NAD
/// may be created right after the VM. A hot-plugged network is left to <see cref="HotplugRules"/>, which denies, so the
/// same network is never reported twice. CREATE and UPDATE.
/// </summary>
public sealed class NadReferenceRules : AbstractValidator<VirtualMachine>
{
    public NadReferenceRules(INadLookup nads)
    {
        RuleForEach(vm => vm.Networks).CustomAsync(async (network, context, cancellationToken) =>
        {
            var edit = VmEdit.Of(context);
            if (edit.ReferenceOf(network) is not { } reference
                || (edit.IsHotPluggedNetwork(network) && context.Admission().Policy.IsEnabled(VirtualMachineRules.HotplugNadMissing)))
            {
                return;
            }
            if (await nads.FindNadAsync(reference.Key, cancellationToken) is null)
            {
                context.Report(VirtualMachineRules.NadMissing, FieldPathResolver.Child(FieldPathResolver.Child(context.PropertyPath, "multus"), "networkName"),
                    $"network \"{network.Name}\": NAD {reference} does not exist yet; create it before the VM starts");
            }
        });
    }
}

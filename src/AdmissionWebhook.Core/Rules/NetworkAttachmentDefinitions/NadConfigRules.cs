using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>Checks that the CNI config can be read and loaded as a plugin or plugin list. CREATE and UPDATE.</summary>
public sealed class NadConfigRules : AbstractValidator<NetworkAttachmentDefinition>
{
    public NadConfigRules()
    {
        RuleFor(nad => nad).Custom((nad, context) =>
        {
            var cni = nad.Cni;
            switch (cni.State)
            {
                case CniConfigState.Empty:
                    // Warnings are cut at 120 characters: keep this one short.
                    context.Report(NadRules.ConfigEmpty, NadFields.Config,
                        $"{nad.Namespace}/{nad.Name} has no spec.config: Kube-OVN ignores it and it cannot be hot-plugged");
                    break;
                case CniConfigState.Invalid:
                    context.Report(NadRules.ConfigInvalidJson, NadFields.Config,
                        $"spec.config of {nad.Namespace}/{nad.Name} is not a JSON object ({cni.Error}): write it as one JSON object");
                    break;
                default:
                    foreach (var problem in cni.TypeProblems)
                    {
                        context.Report(NadRules.ConfigMissingType, NadFields.Config,
                            $"spec.config of {nad.Namespace}/{nad.Name}: {problem}: Multus cannot load it, add the missing field");
                    }
                    break;
            }
        });
    }
}

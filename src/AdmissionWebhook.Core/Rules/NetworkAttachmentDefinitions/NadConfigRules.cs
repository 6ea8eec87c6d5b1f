using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>Checks that the CNI config can be read at all. CREATE and UPDATE.</summary>
public sealed class NadConfigRules : AbstractValidator<NetworkAttachmentDefinition>
{
    private const string ConfigField = "spec.config";

    public NadConfigRules()
    {
        RuleFor(nad => nad.Cni).Custom((cni, context) =>
        {
            var nad = context.InstanceToValidate;
            switch (cni.State)
            {
                case CniConfigState.Empty:
                    context.Report(NadRules.ConfigEmpty, ConfigField,
                        $"NetworkAttachmentDefinition {nad.Namespace}/{nad.Name} has no spec.config: Kube-OVN ignores it and it cannot be hot-plugged");
                    break;
                case CniConfigState.Invalid:
                    context.Report(NadRules.ConfigInvalidJson, ConfigField,
                        $"spec.config of {nad.Namespace}/{nad.Name} is not a JSON object ({cni.Error}): write it as one JSON object");
                    break;
            }
        });
    }
}

using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>All NetworkAttachmentDefinition rules, composed per concern.</summary>
public sealed class NadValidator : AbstractValidator<NetworkAttachmentDefinition>
{
    public NadValidator(ISubnetLookup subnets)
    {
        Include(new NadConfigRules());
        Include(new NadKubeOvnRules());
        Include(new NadSubnetRules(subnets));
    }
}

using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>All NetworkAttachmentDefinition rules, composed per concern; all synchronous (Subnet lookups answer from memory).</summary>
public sealed class NadValidator : AdmissionValidator<NetworkAttachmentDefinition>
{
    public NadValidator(ISubnetLookup subnets)
        : base(new NadConfigRules(), new NadKubeOvnRules(), new NadSubnetRules(subnets))
    {
    }
}

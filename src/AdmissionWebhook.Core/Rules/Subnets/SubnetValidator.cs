using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>All Subnet rules, composed per concern.</summary>
public sealed class SubnetValidator : AbstractValidator<Subnet>
{
    public SubnetValidator(INadLookup nads, ISubnetLookup subnets)
    {
        Include(new SubnetProviderRules(nads, subnets));
        Include(new SubnetCidrRules());
        Include(new SubnetGatewayRules());
        Include(new SubnetExcludeIpsRules());
        Include(new SubnetOverlapRules(subnets));
        Include(new SubnetInUseRules());
    }
}

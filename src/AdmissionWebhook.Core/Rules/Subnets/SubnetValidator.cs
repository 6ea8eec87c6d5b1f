using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>All Subnet rules, composed per concern.</summary>
public sealed class SubnetValidator : AbstractValidator<Subnet>
{
    public SubnetValidator()
    {
        Include(new SubnetCidrRules());
    }
}

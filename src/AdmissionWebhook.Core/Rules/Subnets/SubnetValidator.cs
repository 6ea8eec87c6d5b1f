using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// All Subnet rules, composed per concern. The provider's NAD is looked up once before the rules run
/// (<see cref="SubnetReading"/>), so every rule is synchronous.
/// </summary>
public sealed class SubnetValidator : AdmissionValidator<Subnet>
{
    private readonly INadLookup _nads;

    public SubnetValidator(INadLookup nads, ISubnetLookup subnets)
        : base(
            new SubnetProviderRules(subnets),
            new SubnetCidrRules(),
            new SubnetGatewayRules(),
            new SubnetExcludeIpsRules(),
            new SubnetOverlapRules(subnets),
            new SubnetInUseRules())
    {
        _nads = nads;
    }

    protected override bool TryPrepare(ValidationContext<Subnet> context) => SubnetReading.TryPrepare(context, _nads);

    protected override ValueTask PrepareAsync(ValidationContext<Subnet> context, CancellationToken cancellationToken) =>
        SubnetReading.CompleteAsync(context, _nads, cancellationToken);
}

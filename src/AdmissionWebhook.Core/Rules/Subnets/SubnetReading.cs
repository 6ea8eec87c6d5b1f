using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// One reading of the Subnet under validation, shared by its rules (the Subnet counterpart of VmEdit): the parsed
/// cidrBlock, which five rules judge, the parsed provider, and the NAD it names, looked up before the rules run
/// (<see cref="SubnetValidator"/>) so that every rule is synchronous.
/// </summary>
internal sealed class SubnetReading
{
    private const string ContextKey = "subnet-reading";

    private NadInfo? _nad;
    private bool _nadPending;

    private SubnetReading(Subnet subnet)
    {
        Subnet = subnet;
        HasCidr = CidrBlock.TryParse(subnet.Spec?.CidrBlock, out var block, out var error);
        Cidr = block;
        CidrError = error;
        Provider = ProviderName.TryParse(subnet.Spec?.Provider, out var provider) ? provider : null;
    }

    public Subnet Subnet { get; }

    /// <summary>True when cidrBlock parses; <see cref="Cidr"/> is then the block, else <see cref="CidrError"/> says why.</summary>
    public bool HasCidr { get; }

    public CidrBlock Cidr { get; }

    public string CidrError { get; }

    /// <summary>The parsed spec.provider; null when it is no Kube-OVN provider.</summary>
    public ProviderName? Provider { get; }

    /// <summary>The NAD a NAD provider names; null when it does not exist (or the provider names none).</summary>
    public NadInfo? ProviderNad => _nadPending
        ? throw new InvalidOperationException("the provider's NAD was not looked up before the rules ran")
        : _nad;

    public static SubnetReading Of(ValidationContext<Subnet> context)
    {
        if (context.RootContextData.TryGetValue(ContextKey, out var value) && value is SubnetReading reading)
        {
            return reading;
        }
        reading = new SubnetReading(context.InstanceToValidate);
        context.RootContextData[ContextKey] = reading;
        return reading;
    }

    /// <summary>
    /// Looks the provider's NAD up from memory when the provider rules will run (CREATE, UPDATE); false when only
    /// <see cref="CompleteAsync"/> can tell.
    /// </summary>
    public static bool TryPrepare(ValidationContext<Subnet> context, INadLookup nads)
    {
        if (context.Admission().Operation == AdmissionOperation.Delete)
        {
            return true;
        }
        var reading = Of(context);
        if (reading.Provider is not { IsDefault: false } provider || reading._nadPending)
        {
            return !reading._nadPending;
        }
        reading._nadPending = !nads.TryFindNad(provider.Nad, out reading._nad);
        return !reading._nadPending;
    }

    public static async ValueTask CompleteAsync(ValidationContext<Subnet> context, INadLookup nads, CancellationToken cancellationToken)
    {
        var reading = Of(context);
        if (reading._nadPending && reading.Provider is { } provider)
        {
            reading._nad = await nads.FindNadAsync(provider.Nad, cancellationToken);
            reading._nadPending = false;
        }
    }
}

using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// All VirtualMachine rules, composed per concern: static rules first, then the running-VM (UPDATE) rules. The NADs and
/// Subnets the networks name are looked up once before the rules run (<see cref="NetworkTargets"/>), so every rule is
/// synchronous.
/// </summary>
public sealed class VirtualMachineValidator : AdmissionValidator<VirtualMachine>
{
    private readonly INadLookup _nads;
    private readonly ISubnetLookup _subnets;

    public VirtualMachineValidator(INadLookup nads, ISubnetLookup subnets)
        : base(
            new InterfacePairingRules(),
            new InterfaceNameRules(),
            new InterfaceStateRules(),
            new BindingRules(),
            new NetworkSourceRules(),
            new MacAddressRules(),
            new ModelRules(),
            new NadReferenceRules(),
            new HotplugRules(),
            new RunningEditRules())
    {
        _nads = nads;
        _subnets = subnets;
    }

    protected override bool TryPrepare(ValidationContext<VirtualMachine> context) => NetworkTargets.TryPrepare(context, _nads, _subnets);

    protected override ValueTask PrepareAsync(ValidationContext<VirtualMachine> context, CancellationToken cancellationToken) =>
        NetworkTargets.CompleteAsync(context, _nads, _subnets, cancellationToken);
}

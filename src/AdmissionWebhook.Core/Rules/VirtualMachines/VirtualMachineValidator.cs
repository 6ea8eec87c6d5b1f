using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>All VirtualMachine rules, composed per concern: static rules first, then the running-VM (UPDATE) rules.</summary>
public sealed class VirtualMachineValidator : AbstractValidator<VirtualMachine>
{
    public VirtualMachineValidator(INadLookup nads, ISubnetLookup subnets)
    {
        Include(new InterfacePairingRules());
        Include(new InterfaceNameRules());
        Include(new InterfaceStateRules());
        Include(new BindingRules());
        Include(new NetworkSourceRules());
        Include(new MacAddressRules());
        Include(new ModelRules());
        Include(new NadReferenceRules(nads, subnets));
        Include(new HotplugRules(nads, subnets));
        Include(new RunningEditRules());
    }
}

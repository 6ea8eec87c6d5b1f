using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>All VirtualMachine rules, composed per concern.</summary>
public sealed class VirtualMachineValidator : AbstractValidator<VirtualMachine>
{
    public VirtualMachineValidator()
    {
        Include(new InterfacePairingRules());
    }
}

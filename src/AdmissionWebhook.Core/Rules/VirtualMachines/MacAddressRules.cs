using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// MAC addresses parse, avoid the masquerade bridge's reserved address, and (stricter than KubeVirt) are unique within
/// the VM: two NICs with one MAC confuse the guest and the network alike. CREATE and UPDATE.
/// </summary>
public sealed class MacAddressRules : AbstractValidator<VirtualMachine>
{
    public MacAddressRules()
    {
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            // Created on the first MAC: most VMs leave MACs to KubeVirt and pay nothing here.
            Dictionary<MacAddress, int>? seen = null;
            for (var i = 0; i < interfaces.Count; i++)
            {
                var iface = interfaces[i];
                if (string.IsNullOrEmpty(iface.MacAddress))
                {
                    continue;
                }
                if (!MacAddress.TryParse(iface.MacAddress, out var mac))
                {
                    context.Report(VirtualMachineRules.MacInvalid, VmFieldPaths.Interface(i, "macAddress"),
                        $"interface \"{iface.Name}\" has macAddress \"{iface.MacAddress}\", which is not a 6-byte MAC: write six hex pairs, e.g. 02:00:00:aa:bb:01");
                    continue;
                }
                if (iface.Masquerade is not null && mac == MacAddress.ReservedForMasquerade)
                {
                    context.Report(VirtualMachineRules.MacInvalid, VmFieldPaths.Interface(i, "macAddress"),
                        $"interface \"{iface.Name}\" uses masquerade with macAddress \"{iface.MacAddress}\", reserved for the in-pod bridge: choose another MAC");
                }
                seen ??= [];
                if (seen.TryGetValue(mac.Value, out var earlier))
                {
                    context.Report(VirtualMachineRules.MacInvalid, VmFieldPaths.Interface(i, "macAddress"),
                        $"interface \"{iface.Name}\" has macAddress \"{iface.MacAddress}\", already used by interfaces[{earlier}]: give each interface its own MAC");
                    continue;
                }
                seen[mac.Value] = i;
            }
        });
    }
}

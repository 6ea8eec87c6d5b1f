using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Field paths of VM list elements, as FluentValidation's RuleForEach wrote them (<c>...interfaces[1].state</c>).
/// Only called when a failure is reported: a passing review formats no path.
/// </summary>
internal static class VmFieldPaths
{
    public static string Interface(int index) => FieldPathResolver.Index(VirtualMachineFields.Interfaces, index);

    public static string Interface(int index, string member) => FieldPathResolver.Child(Interface(index), member);

    public static string Network(int index) => FieldPathResolver.Index(VirtualMachineFields.Networks, index);

    public static string Network(int index, string member) => FieldPathResolver.Child(Network(index), member);

    /// <summary><c>networks[i].multus.networkName</c>.</summary>
    public static string NetworkName(int index) => FieldPathResolver.Child(Network(index, "multus"), "networkName");
}

namespace AdmissionWebhook.Resources;

/// <summary>
/// The address space a Subnet's CIDR must be unique in: its VPC and vlan. kube-ovn-controller's <c>formatSubnet</c>
/// sets an empty <c>vpc</c> to <c>ovn-cluster</c> only for OVN providers, so IPAM-only Subnets stay in <c>""</c>.
/// </summary>
internal readonly record struct SubnetScope(string Vpc, string Vlan)
{
    public const string DefaultVpc = "ovn-cluster";

    public static SubnetScope Of(string? provider, string? vpc, string? vlan) => new(EffectiveVpc(provider, vpc), vlan ?? string.Empty);

    public static string EffectiveVpc(string? provider, string? vpc) =>
        !string.IsNullOrEmpty(vpc) ? vpc : ProviderName.IsOvnProvider(provider) ? DefaultVpc : string.Empty;

    public override string ToString() =>
        $"vpc \"{(Vpc.Length == 0 ? "(none, IPAM only)" : Vpc)}\"{(Vlan.Length == 0 ? string.Empty : $" vlan \"{Vlan}\"")}";
}

using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>What the rules need of a Kube-OVN Subnet in the cluster.</summary>
public sealed record SubnetInfo(
    string Name,
    string Provider,
    string? CidrBlock,
    string? Gateway,
    IReadOnlyList<string> ExcludeIps,
    string? Vpc,
    string? Vlan,
    string? Protocol,
    double V4UsingIps,
    double V6UsingIps)
{
    public bool HasIpsInUse => V4UsingIps != 0 || V6UsingIps != 0;

    public static SubnetInfo From(Subnet subnet) => new(
        subnet.Name,
        subnet.Spec?.Provider ?? string.Empty,
        subnet.Spec?.CidrBlock,
        subnet.Spec?.Gateway,
        [.. (subnet.Spec?.ExcludeIps ?? []).OfType<string>()],
        subnet.Spec?.Vpc,
        subnet.Spec?.Vlan,
        subnet.Spec?.Protocol,
        subnet.Status?.V4UsingIps ?? 0,
        subnet.Status?.V6UsingIps ?? 0);
}

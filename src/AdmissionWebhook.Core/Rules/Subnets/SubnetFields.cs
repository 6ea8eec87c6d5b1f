namespace AdmissionWebhook.Rules.Subnets;

/// <summary>Field paths Subnet rules report.</summary>
internal static class SubnetFields
{
    public const string Provider = "spec.provider";
    public const string CidrBlock = "spec.cidrBlock";
    public const string Gateway = "spec.gateway";
    public const string ExcludeIps = "spec.excludeIps";
    public const string Protocol = "spec.protocol";
    public const string Vpc = "spec.vpc";
    public const string V4UsingIps = "status.v4usingIPs";
    public const string V6UsingIps = "status.v6usingIPs";
}

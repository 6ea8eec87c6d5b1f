namespace AdmissionWebhook.Rules.Subnets;

/// <summary>Catalogue of Subnet checks and mutations (RULES.md).</summary>
[RuleCatalogue(2)]
public static class SubnetRules
{
    /// <summary>
    /// <c>cidrBlock</c> parses as IPv4, IPv6 or dual-stack <c>v4,v6</c> (kube-ovn <c>util.ValidateSubnet</c>:
    /// "cidr ... is invalid"). MAC-only subnets (vlan, no cidrBlock) skip it.
    /// </summary>
    public static readonly AdmissionRule CidrInvalid = new(
        "SubnetCidrInvalid",
        "cidrBlock parses as IPv4, IPv6 or dual-stack v4,v6.",
        RuleAction.Deny,
        "write cidrBlock as a network such as 10.16.0.0/16, or \"10.16.0.0/16,fd00:10:16::/64\" for dual stack");
}

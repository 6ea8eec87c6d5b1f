namespace AdmissionWebhook.Rules.Subnets;

/// <summary>Catalogue of Subnet checks and mutations (docs/rules.md).</summary>
[RuleCatalogue(2)]
public static class SubnetRules
{
    /// <summary>
    /// <c>spec.provider</c> is <c>""</c>, <c>ovn</c>, <c>&lt;nad&gt;.&lt;ns&gt;.ovn</c> or <c>&lt;nad&gt;.&lt;ns&gt;</c> with DNS-label
    /// parts. Kube-OVN reads anything else as a non-OVN provider that no attachment ever matches
    /// (<c>util.IsOvnProvider</c>, <c>util.GetNadBySubnetProvider</c>).
    /// </summary>
    public static readonly AdmissionRule ProviderFormat = new(
        "SubnetProviderFormat",
        "spec.provider is \"\", ovn, <nad>.<namespace>.ovn or <nad>.<namespace>.",
        RuleAction.Deny,
        "set spec.provider to <nad>.<namespace>.ovn for a kube-ovn NAD, <nad>.<namespace> for Kube-OVN IPAM, or ovn");

    /// <summary>
    /// A non-default provider names an existing NAD. Only a warning: GitOps tools, the Kube-OVN docs and its e2e suites
    /// create the Subnet before its NAD, and the Subnet is harmless (an unused logical switch) until the NAD exists.
    /// Harvester's webhook denies the same; that would block those workflows.
    /// </summary>
    public static readonly AdmissionRule ProviderNadMissing = new(
        "SubnetProviderNadMissing",
        "A non-default spec.provider names an existing NetworkAttachmentDefinition.",
        RuleAction.Warn,
        "create the NetworkAttachmentDefinition, or correct the NAD name or namespace in spec.provider");

    /// <summary>
    /// The provider's suffix matches the NAD's flavour: <c>.ovn</c> for a kube-ovn NAD, none for Kube-OVN IPAM. A
    /// kube-ovn NAD with a suffix-less Subnet provider gets an IPAM-only Subnet and no attachment ever finds it (#718,
    /// #2783). Repaired when the NAD's flavour decides. A suffix-less provider on a NAD with no <c>ipam</c> at all is
    /// valid (Kube-OVN's VPC NAT gateway and LoadBalancer-service docs); denied when that NAD has an IPAM of its own
    /// (two address managers), or when a <c>.ovn</c> provider names a NAD that is not of type kube-ovn.
    /// </summary>
    public static readonly AdmissionRule ProviderFlavourMismatch = new(
        "SubnetProviderFlavourMismatch",
        "spec.provider's suffix matches its NAD (.ovn for type kube-ovn; none for Kube-OVN IPAM or a NAD without ipam).",
        RuleAction.Deny,
        "use <nad>.<namespace>.ovn for a kube-ovn NAD, and <nad>.<namespace> for ipam type kube-ovn or a NAD without ipam",
        Mutates: true);

    /// <summary>
    /// No two Subnets carry one non-default provider: kube-ovn-controller takes the first it lists, so which Subnet
    /// an attachment lands on is arbitrary (#4045, Harvester PR #192).
    /// </summary>
    public static readonly AdmissionRule ProviderDuplicate = new(
        "SubnetProviderDuplicate",
        "No other Subnet carries the same non-default spec.provider.",
        RuleAction.Deny,
        "give each NAD one Subnet: create another NAD for a second Subnet, or delete the other Subnet");

    /// <summary>
    /// <c>cidrBlock</c> parses as IPv4, IPv6 or dual-stack <c>v4,v6</c>, in lower case, not /32 or /128, clear of the
    /// zero, broadcast, loopback, multicast and link-local ranges (kube-ovn <c>util.ValidateSubnet</c>). MAC-only
    /// subnets (vlan, no cidrBlock) skip it.
    /// </summary>
    public static readonly AdmissionRule CidrInvalid = new(
        "SubnetCidrInvalid",
        "cidrBlock is a valid IPv4, IPv6 or dual-stack v4,v6 unicast network.",
        RuleAction.Deny,
        "write cidrBlock as a network such as 10.16.0.0/16, or \"10.16.0.0/16,fd00:10:16::/64\" for dual stack");

    /// <summary>
    /// <c>gateway</c>, when set, lies inside the CIDR of its family and is neither its network number nor its IPv4
    /// broadcast address ("gateway ... is not in cidr ..."). A MAC-only subnet has no gateway.
    /// </summary>
    public static readonly AdmissionRule GatewayInvalid = new(
        "SubnetGatewayInvalid",
        "gateway lies inside cidrBlock and is not its network or broadcast address.",
        RuleAction.Deny,
        "set gateway to a host address inside cidrBlock (usually the first, such as 10.16.0.1), or leave it empty");

    /// <summary>
    /// Each <c>excludeIps</c> entry is an IP or a range <c>a..b</c> with <c>a &lt;= b</c>, both ends of one family and
    /// inside cidrBlock. Upstream checks only the syntax and silently clips ranges outside the CIDR.
    /// </summary>
    public static readonly AdmissionRule ExcludeIpsInvalid = new(
        "SubnetExcludeIpsInvalid",
        "Each excludeIps entry is an IP or a range a..b (a <= b) inside cidrBlock.",
        RuleAction.Deny,
        "write each excludeIps entry as an address or first..last inside cidrBlock, lowest address first");

    /// <summary>
    /// <c>protocol</c> is <c>""</c>, IPv4, IPv6, Dual or Mac (case-sensitive, "is not a valid protocol type") and
    /// matches the CIDR's family; upstream silently overwrites a mismatch from the CIDR.
    /// </summary>
    public static readonly AdmissionRule ProtocolInvalid = new(
        "SubnetProtocolInvalid",
        "protocol is \"\", IPv4, IPv6, Dual or Mac and matches cidrBlock's family.",
        RuleAction.Deny,
        "set protocol to the family of cidrBlock (IPv4, IPv6 or Dual, exactly so), or leave it empty");

    /// <summary>
    /// The CIDR overlaps no other Subnet of the same VPC and vlan. An empty <c>vpc</c> counts as <c>ovn-cluster</c>
    /// for OVN providers (the controller fills it in later, so upstream's literal comparison misses the overlap);
    /// IPAM-only subnets keep <c>vpc: ""</c> and are compared with each other.
    /// </summary>
    public static readonly AdmissionRule CidrOverlap = new(
        "SubnetCidrOverlap",
        "cidrBlock overlaps no other Subnet of the same VPC and vlan.",
        RuleAction.Deny,
        "choose a cidrBlock no other Subnet of the VPC uses, or put the Subnet in another VPC");

    /// <summary>
    /// While addresses are allocated (<c>status.v4usingIPs</c>/<c>v6usingIPs</c>), gateway, provider and vpc stay:
    /// allocated pods keep the old values. Filling an empty field with Kube-OVN's default is no change (the controller
    /// does it itself). Upstream forbids gateway and vpc changes; the provider is stricter on purpose.
    /// </summary>
    public static readonly AdmissionRule ChangeWhileInUse = new(
        "SubnetChangeWhileInUse",
        "gateway, provider and vpc do not change while addresses are in use.",
        RuleAction.Deny,
        "release the Subnet's addresses (stop the pods and VMs using it) first, or create a new Subnet");

    /// <summary>
    /// A cidrBlock change while addresses are allocated is allowed, as Kube-OVN documents the procedure
    /// (<c>ops/change-default-subnet</c>: edit cidrBlock, gateway and excludeIps), but running pods and VMs keep their old
    /// addresses until recreated. A gateway change in the same edit is part of it, not a SubnetChangeWhileInUse.
    /// </summary>
    public static readonly AdmissionRule CidrChangeWhileInUse = new(
        "SubnetCidrChangeWhileInUse",
        "A cidrBlock change while addresses are in use is reported (holders keep old addresses until recreated).",
        RuleAction.Warn,
        "recreate the pods and VMs of the Subnet so that they get addresses from the new cidrBlock");

    /// <summary>
    /// A Subnet is not deleted while addresses are allocated ("can't delete subnet when any IPs in Using").
    /// </summary>
    public static readonly AdmissionRule DeleteWhileInUse = new(
        "SubnetDeleteWhileInUse",
        "A Subnet is not deleted while addresses are in use.",
        RuleAction.Deny,
        "stop or move the pods and VMs that hold addresses in the Subnet, then delete it");
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.Subnets;

/// <summary>
/// The whole text a Subnet's author reads for each refusal: the Subnet, the value it has, and the value or the step
/// that fixes it. Each message is compared in full, so a lost clause or a wrong hint shows.
/// </summary>
public sealed class SubnetMessageTests
{
    private const string Provider = "spec.provider";

    private static readonly JsonObject AttachNad = Nad("attachnet", OvnConfig("attachnet.default.ovn"));
    private static readonly JsonObject MacvlanNad = Nad("macvlan", IpamConfig("macvlan.default"));

    private static Task<AdmissionDecision> Create(JsonObject subnet, ClusterSnapshot? cluster = null) =>
        SubnetHarness(cluster ?? ClusterOf([AttachNad, MacvlanNad, .. DefaultSubnets])).ValidateAsync(RuleHarness<Subnet>.Request("CREATE", subnet, null));

    [Fact]
    public async Task A_malformed_provider_lists_the_three_forms_kube_ovn_knows()
    {
        var decision = await Create(Subnet("attach-subnet", "attachnet"));
        Assert.Equal(
            "provider \"attachnet\" of Subnet attach-subnet is not a Kube-OVN provider: " +
            "use <nad>.<namespace>.ovn for a kube-ovn NAD, <nad>.<namespace> for Kube-OVN IPAM, or ovn for the default network",
            DecisionAssert.MessageOf(decision, "SubnetProviderFormat"));
    }

    [Fact]
    public async Task A_duplicate_provider_names_every_subnet_that_already_carries_it()
    {
        var cluster = ClusterOf([AttachNad, Subnet("first", "attachnet.default.ovn", "172.17.0.0/16"), Subnet("second", "attachnet.default.ovn", "172.18.0.0/16"), .. DefaultSubnets]);
        var decision = await Create(Subnet("third", "attachnet.default.ovn", "172.19.0.0/16"), cluster);
        DecisionAssert.Denied(decision, [("SubnetProviderDuplicate", Provider)]);
        // The order of the two is the cluster index's; either is the same message.
        string[] expected = [.. new[] { "first, second", "second, first" }.Select(others =>
            $"provider \"attachnet.default.ovn\" of Subnet third is already carried by Subnet {others}: " +
            "Kube-OVN would pick either; give this Subnet its own NetworkAttachmentDefinition and provider")];
        Assert.Contains(DecisionAssert.MessageOf(decision, "SubnetProviderDuplicate"), expected);
    }

    [Fact]
    public async Task A_missing_nad_says_to_create_it_or_fix_the_provider()
    {
        var decision = await Create(Subnet("missing-subnet", "missingnet.default.ovn"));
        Assert.Equal("NAD default/missingnet does not exist yet: create it, or fix spec.provider", DecisionAssert.MessageOf(decision, "SubnetProviderNadMissing"));
    }

    [Fact]
    public async Task A_two_field_provider_ending_in_ovn_is_read_as_namespace_ovn_and_gets_the_kube_ovn_form_as_hint()
    {
        var decision = await Create(Subnet("attach-subnet", "attachnet.ovn"));
        DecisionAssert.AllowedWithWarnings(decision, ("SubnetProviderNadMissing", Provider));
        Assert.Equal(
            "NAD ovn/attachnet does not exist yet (for a kube-ovn NAD write attachnet.<namespace>.ovn)",
            DecisionAssert.MessageOf(decision, "SubnetProviderNadMissing"));
    }

    [Fact]
    public async Task A_two_field_provider_in_another_namespace_gets_the_plain_hint()
    {
        var decision = await Create(Subnet("attach-subnet", "attachnet.kube-system"));
        Assert.Equal(
            "NAD kube-system/attachnet does not exist yet: create it, or fix spec.provider",
            DecisionAssert.MessageOf(decision, "SubnetProviderNadMissing"));
    }

    [Theory]
    [InlineData("attachnet.default", "should be \"attachnet.default.ovn\" for a kube-ovn NAD (default/attachnet)")]
    [InlineData("macvlan.default.ovn", "should be \"macvlan.default\" for a NAD using Kube-OVN IPAM (default/macvlan)")]
    public async Task A_suffix_that_disagrees_with_the_nad_names_the_canonical_provider(string provider, string explanation)
    {
        var decision = await Create(Subnet("attach-subnet", provider));
        Assert.Equal($"provider \"{provider}\" of Subnet attach-subnet {explanation}", DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"));
    }

    [Fact]
    public async Task An_ovn_provider_on_a_nad_of_another_type_names_the_suffix_less_provider()
    {
        var cluster = ClusterOf([Nad("br1", BridgeConfig), .. DefaultSubnets]);
        var decision = await Create(Subnet("br1-subnet", "br1.default.ovn"), cluster);
        Assert.Equal(
            "provider \"br1.default.ovn\" of Subnet br1-subnet ends in .ovn, but default/br1 is not of type kube-ovn: " +
            "use \"br1.default\" for a NAD without ipam, or make that NAD type kube-ovn",
            DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"));
    }

    [Fact]
    public async Task A_suffix_less_provider_on_a_nad_with_its_own_ipam_names_the_two_address_managers()
    {
        var cluster = ClusterOf([Nad("br1", BridgeConfig), .. DefaultSubnets]);
        var decision = await Create(Subnet("br1-subnet", "br1.default", "192.168.0.0/24"), cluster);
        Assert.Equal(
            "provider \"br1.default\" of Subnet br1-subnet names default/br1, whose config has an ipam of its own: two address managers " +
            "would hand out the same range; set its ipam type to kube-ovn, or remove its ipam section",
            DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"));
    }

    [Fact]
    public async Task A_cidr_written_as_cidr_is_pointed_at_the_cidrBlock_field()
    {
        // kubeovn/docs non-primary-mode writes "cidr:", which the API server prunes: only cidrBlock counts.
        var subnet = Subnet("extra", "ovn", cidr: null);
        subnet["spec"]!["cidr"] = "10.66.0.0/16";
        var decision = await Create(subnet);
        DecisionAssert.Denied(decision, [("SubnetCidrInvalid", "spec.cidrBlock")]);
        Assert.EndsWith(
            " (the field is cidrBlock, not cidr): write it as a network such as 10.16.0.0/16, or v4,v6 for dual stack",
            DecisionAssert.MessageOf(decision, "SubnetCidrInvalid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cidrBlock_beside_a_cidr_field_gets_no_field_name_hint()
    {
        var subnet = Subnet("extra", "ovn", cidr: "10.66.0.0/33");
        subnet["spec"]!["cidr"] = "10.66.0.0/16";
        var message = DecisionAssert.MessageOf(await Create(subnet), "SubnetCidrInvalid");
        Assert.StartsWith("cidrBlock \"10.66.0.0/33\" of Subnet extra ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not cidr", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_protocol_in_the_wrong_letter_case_names_the_exact_spelling()
    {
        var decision = await Create(Subnet("extra", "ovn", "172.17.0.0/16", protocol: "dual"));
        Assert.Equal(
            "protocol \"dual\" of Subnet extra is not a valid protocol type: write \"Dual\" (values are case-sensitive)",
            DecisionAssert.MessageOf(decision, "SubnetProtocolInvalid"));
    }

    [Fact]
    public async Task An_unknown_protocol_lists_the_valid_ones()
    {
        var decision = await Create(Subnet("extra", "ovn", "172.17.0.0/16", protocol: "ipv5"));
        Assert.Equal(
            "protocol \"ipv5\" of Subnet extra is not a valid protocol type: use IPv4, IPv6, Dual or Mac (exactly so), or leave it empty",
            DecisionAssert.MessageOf(decision, "SubnetProtocolInvalid"));
    }

    [Fact]
    public async Task A_protocol_that_disagrees_with_the_cidr_names_the_one_that_fits()
    {
        var decision = await Create(Subnet("extra", "ovn", "fd00::/64", protocol: "IPv4"));
        Assert.Equal(
            "protocol \"IPv4\" of Subnet extra does not match cidrBlock \"fd00::/64\": set it to \"IPv6\" or leave it empty",
            DecisionAssert.MessageOf(decision, "SubnetProtocolInvalid"));
    }

    [Fact]
    public async Task A_protocol_beside_a_cidr_that_does_not_parse_is_left_to_the_cidr_check()
    {
        DecisionAssert.Denied(await Create(Subnet("extra", "ovn", "10.66.0.0/33", protocol: "IPv6")), [("SubnetCidrInvalid", "spec.cidrBlock")]);
    }

    [Fact]
    public async Task Deleting_a_subnet_in_use_counts_both_families()
    {
        var decision = await SubnetHarness(ClusterOf([AttachNad]))
            .ValidateAsync(RuleHarness<Subnet>.Request("DELETE", null, Subnet("attach-subnet", "attachnet.default.ovn", "10.20.0.0/16,fd00:10:20::/64", v4Using: 2, v6Using: 5)));
        DecisionAssert.Denied(decision, [("SubnetDeleteWhileInUse", "status.v4usingIPs")]);
        Assert.Equal(
            "can't delete Subnet attach-subnet while 2 IPv4 and 5 IPv6 addresses are in use: stop or move the pods and VMs holding them first",
            DecisionAssert.MessageOf(decision, "SubnetDeleteWhileInUse"));
    }

    [Fact]
    public async Task A_gateway_outside_the_cidr_names_the_first_host_of_every_family()
    {
        var decision = await Create(Subnet("extra", "ovn", "10.20.0.0/16,fd00:10:20::/64", "10.21.0.1,fd00:10:20::1"));
        Assert.Equal(
            "gateway \"10.21.0.1,fd00:10:20::1\" of Subnet extra is not in cidr \"10.20.0.0/16,fd00:10:20::/64\": " +
            "use a host address inside cidrBlock \"10.20.0.0/16,fd00:10:20::/64\", such as 10.20.0.1,fd00:10:20::1, or leave it empty",
            DecisionAssert.MessageOf(decision, "SubnetGatewayInvalid"));
    }

    [Fact]
    public async Task A_gateway_on_an_underlay_subnet_without_cidr_is_told_to_go_or_get_a_cidr()
    {
        var decision = await Create(Subnet("underlay", "ovn", cidr: null, gateway: "10.0.0.1", vlan: "vlan10"));
        DecisionAssert.Denied(decision, [("SubnetGatewayInvalid", "spec.gateway")]);
        Assert.Equal(
            "gateway \"10.0.0.1\" is set on Subnet underlay, an underlay subnet without cidrBlock: remove the gateway or add a cidrBlock",
            DecisionAssert.MessageOf(decision, "SubnetGatewayInvalid"));
    }

    [Fact]
    public async Task Overlaps_with_several_subnets_are_listed_by_name()
    {
        var cluster = ClusterOf([AttachNad, Subnet("zeta", "ovn", "10.50.0.0/24", vpc: "ovn-cluster"), Subnet("alpha", "ovn", "10.50.1.0/24", vpc: "ovn-cluster"), .. DefaultSubnets]);
        var decision = await Create(Subnet("wide", "ovn", "10.50.0.0/16", vpc: "ovn-cluster"), cluster);
        DecisionAssert.Denied(decision, [("SubnetCidrOverlap", "spec.cidrBlock"), ("SubnetCidrOverlap", "spec.cidrBlock")]);
        var messages = ((AdmissionDecision.Deny)decision).Failures.Select(f => f.Message).ToList();
        Assert.Equal(
            [
                "cidr 10.50.0.0/16 of Subnet wide overlaps cidr 10.50.1.0/24 of Subnet alpha (vpc \"ovn-cluster\"): choose a range no other Subnet of the VPC uses",
                "cidr 10.50.0.0/16 of Subnet wide overlaps cidr 10.50.0.0/24 of Subnet zeta (vpc \"ovn-cluster\"): choose a range no other Subnet of the VPC uses",
            ],
            messages);
    }

    [Fact]
    public async Task A_cidr_that_does_not_parse_says_why_and_nothing_more()
    {
        var decision = await Create(Subnet("extra", "ovn", "10.66.0.0/33"));
        Assert.Equal(
            "cidrBlock \"10.66.0.0/33\" of Subnet extra has no valid prefix length (0 to 32): write it as a network such as 10.16.0.0/16, or v4,v6 for dual stack",
            DecisionAssert.MessageOf(decision, "SubnetCidrInvalid"));
    }

    [Fact]
    public async Task Exclude_ips_on_an_underlay_subnet_are_reported_once_for_the_field_not_per_entry()
    {
        var decision = await Create(Subnet("underlay", "ovn", cidr: null, excludeIps: ["not-an-ip"], vlan: "vlan10"));
        DecisionAssert.Denied(decision, [("SubnetExcludeIpsInvalid", "spec.excludeIps")]);
    }

    [Fact]
    public async Task An_exclude_ips_entry_outside_the_cidr_is_quoted_with_the_cidr()
    {
        var decision = await Create(Subnet("extra", "ovn", "172.17.0.0/16", excludeIps: ["172.18.0.1"]));
        Assert.Equal(
            "excludeIps entry \"172.18.0.1\" of Subnet extra is not inside cidrBlock \"172.17.0.0/16\": exclude addresses of the Subnet only",
            DecisionAssert.MessageOf(decision, "SubnetExcludeIpsInvalid"));
    }

    [Fact]
    public async Task A_null_exclude_ips_entry_is_named_null()
    {
        var subnet = Subnet("extra", "ovn", "172.17.0.0/16", excludeIps: ["172.17.0.1"]);
        subnet["spec"]!["excludeIps"]!.AsArray().Add(null);
        var decision = await Create(subnet);
        DecisionAssert.Denied(decision, [("SubnetExcludeIpsInvalid", "spec.excludeIps[1]")]);
        Assert.Equal(
            "excludeIps entry null of Subnet extra is no address (Kube-OVN reads null as an empty string): remove it or write an address or a range a..b",
            DecisionAssert.MessageOf(decision, "SubnetExcludeIpsInvalid"));
    }

    [Fact]
    public async Task Exclude_ips_beside_a_cidr_that_does_not_parse_are_judged_by_their_syntax_only()
    {
        // SubnetCidrInvalid reports the CIDR; an address cannot be outside a CIDR that is not there.
        var decision = await Create(Subnet("extra", "ovn", "10.66.0.0/33", excludeIps: ["10.66.0.1", "10.66.0.9..10.66.0.5"]));
        DecisionAssert.Denied(decision, [("SubnetCidrInvalid", "spec.cidrBlock"), ("SubnetExcludeIpsInvalid", "spec.excludeIps[1]")]);
    }
}

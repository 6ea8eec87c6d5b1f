using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.Subnets;

/// <summary>
/// Subnet validation through the real pipeline, without the mutating webhook. IPv4, IPv6 and dual stack throughout;
/// every case asserts the exact set of (code, field).
/// </summary>
public sealed class SubnetRuleTests
{
    private const string Provider = "spec.provider";
    private const string Cidr = "spec.cidrBlock";
    private const string Gateway = "spec.gateway";
    private const string Protocol = "spec.protocol";

    private static readonly JsonObject AttachNad = Nad("attachnet", OvnConfig("attachnet.default.ovn"));
    private static readonly JsonObject MacvlanNad = Nad("macvlan", IpamConfig("macvlan.default"));
    private static readonly ClusterSnapshot Installed = ClusterOf([AttachNad, MacvlanNad, .. DefaultSubnets]);

    private static Task<AdmissionDecision> Create(JsonObject subnet, ClusterSnapshot? cluster = null) =>
        SubnetHarness(cluster ?? Installed).ValidateAsync(RuleHarness<Subnet>.Request("CREATE", subnet, null));

    private static Task<AdmissionDecision> Update(JsonObject old, JsonObject subnet, ClusterSnapshot? cluster = null) =>
        SubnetHarness(cluster ?? ClusterOf([AttachNad, MacvlanNad, old, .. DefaultSubnets]))
            .ValidateAsync(RuleHarness<Subnet>.Request("UPDATE", subnet, old));

    private static Task<AdmissionDecision> Delete(JsonObject old) =>
        SubnetHarness(ClusterOf([AttachNad, old])).ValidateAsync(RuleHarness<Subnet>.Request("DELETE", null, old));

    private static JsonObject Attach(string? cidr = "172.17.0.0/16", string? gateway = null, string[]? excludeIps = null, string? protocol = null) =>
        Subnet("attach-subnet", "attachnet.default.ovn", cidr, gateway, excludeIps, protocol);

    [Fact]
    public async Task Seed_subnet_passes_untouched()
    {
        var seed = Subnet("attachnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1", ["172.17.0.0..172.17.0.10"], "IPv4");
        DecisionAssert.Allowed(await Create(seed));
    }

    // SubnetProviderFormat

    [Theory]
    [InlineData("attachnet")]
    [InlineData("OVN")]
    [InlineData("Attachnet.default.ovn")]
    [InlineData("attachnet..ovn")]
    [InlineData("vm.net.default.ovn")]
    [InlineData("attachnet.default.ovn.net1")]
    [InlineData("attachnet_1.default")]
    public async Task Rejects_a_provider_that_is_no_kube_ovn_provider(string provider)
    {
        var decision = await Create(Subnet("attach-subnet", provider));
        DecisionAssert.Denied(decision, [("SubnetProviderFormat", Provider)]);
        Assert.Contains($"\"{provider}\"", DecisionAssert.MessageOf(decision, "SubnetProviderFormat"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ovn")]
    [InlineData(null)]
    public async Task Allows_the_default_network_providers(string? provider)
    {
        DecisionAssert.Allowed(await Create(Subnet("extra", provider, "10.17.0.0/16")));
    }

    // SubnetProviderNadMissing

    [Theory]
    [InlineData("missingnet.default.ovn")]
    [InlineData("attachnet.kube-system.ovn")]
    [InlineData("missingnet.default")]
    public async Task Warns_about_a_provider_naming_no_existing_nad_as_the_kube_ovn_docs_create_subnets_first(string provider)
    {
        var decision = await Create(Subnet("missing-subnet", provider));
        DecisionAssert.AllowedWithWarnings(decision, ("SubnetProviderNadMissing", Provider));
        Assert.Contains("does not exist yet", DecisionAssert.MessageOf(decision, "SubnetProviderNadMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denies_a_provider_naming_no_existing_nad_where_the_cluster_asks_for_it()
    {
        var decision = await SubnetHarness(Installed, PolicyWith("SubnetProviderNadMissing", RuleAction.Deny))
            .ValidateAsync(RuleHarness<Subnet>.Request("CREATE", Subnet("missing-subnet", "missingnet.default.ovn"), null));
        DecisionAssert.Denied(decision, [("SubnetProviderNadMissing", Provider)]);
    }

    [Fact]
    public async Task The_nad_created_after_its_subnet_then_meets_no_warning()
    {
        // Kube-OVN's docs and e2e suites create the Subnet first; once the NAD exists, the same Subnet passes clean.
        var subnet = Subnet("late-subnet", "late.default.ovn", "10.77.0.0/16");
        DecisionAssert.Allowed(await Create(subnet), "SubnetProviderNadMissing");
        var withNad = ClusterOf([AttachNad, MacvlanNad, Nad("late", OvnConfig("late.default.ovn")), .. DefaultSubnets]);
        DecisionAssert.Allowed(await Create(subnet, withNad));
    }

    [Fact]
    public async Task Allows_a_provider_naming_an_existing_nad_of_its_flavour()
    {
        DecisionAssert.Allowed(await Create(Subnet("macvlan", "macvlan.default", "172.18.0.0/16")));
    }

    // SubnetProviderFlavourMismatch (validator side; the mutator repairs it first in a real pipeline)

    [Theory]
    [InlineData("attachnet.default", "should be \"attachnet.default.ovn\" for a kube-ovn NAD")]
    [InlineData("macvlan.default.ovn", "should be \"macvlan.default\" for a NAD using Kube-OVN IPAM")]
    public async Task Rejects_a_provider_whose_suffix_disagrees_with_the_nad(string provider, string explanation)
    {
        var decision = await Create(Subnet("attach-subnet", provider));
        DecisionAssert.Denied(decision, [("SubnetProviderFlavourMismatch", Provider)]);
        Assert.Contains(explanation, DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_ovn_provider_naming_a_nad_that_is_not_of_type_kube_ovn()
    {
        var cluster = ClusterOf([Nad("br1", BridgeConfig), .. DefaultSubnets]);
        var decision = await Create(Subnet("br1-subnet", "br1.default.ovn"), cluster);
        DecisionAssert.Denied(decision, [("SubnetProviderFlavourMismatch", Provider)]);
        Assert.Contains("is not of type kube-ovn", DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"), StringComparison.Ordinal);
    }

    /// <summary>Kube-OVN's VPC NAT-gateway external network and LoadBalancer-service docs: macvlan, no ipam at all.</summary>
    private const string MacvlanWithoutIpam = "{\"cniVersion\":\"0.3.0\",\"type\":\"macvlan\",\"master\":\"eth1\",\"mode\":\"bridge\"}";

    [Fact]
    public async Task Allows_a_suffix_less_provider_on_a_nad_without_ipam_as_for_the_vpc_nat_gateway()
    {
        var cluster = ClusterOf([Nad("ovn-vpc-external-network", MacvlanWithoutIpam, "kube-system"), .. DefaultSubnets]);
        var subnet = Subnet("ovn-vpc-external-network", "ovn-vpc-external-network.kube-system", "192.168.0.0/24", "192.168.0.1", ["192.168.0.1..192.168.0.10"]);
        DecisionAssert.Allowed(await Create(subnet, cluster));
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth1\",\"ipam\":{\"type\":\"whereabouts\",\"range\":\"192.168.0.0/24\"}}")]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"plugins\":[{\"type\":\"macvlan\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"192.168.0.0/24\"}}]}")]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"ipam\":{\"type\":\"dhcp\"}}")]
    public async Task Rejects_a_suffix_less_provider_on_a_nad_with_an_ipam_of_its_own(string config)
    {
        var cluster = ClusterOf([Nad("ext", config), .. DefaultSubnets]);
        var decision = await Create(Subnet("ext-subnet", "ext.default", "192.168.0.0/24"), cluster);
        DecisionAssert.Denied(decision, [("SubnetProviderFlavourMismatch", Provider)]);
        Assert.Contains("ipam of its own", DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_ovn_provider_on_a_nad_without_ipam_and_names_the_suffix_less_one()
    {
        var cluster = ClusterOf([Nad("ext", MacvlanWithoutIpam), .. DefaultSubnets]);
        var decision = await Create(Subnet("ext-subnet", "ext.default.ovn", "192.168.0.0/24"), cluster);
        DecisionAssert.Denied(decision, [("SubnetProviderFlavourMismatch", Provider)]);
        Assert.Contains("\"ext.default\"", DecisionAssert.MessageOf(decision, "SubnetProviderFlavourMismatch"), StringComparison.Ordinal);
    }

    // SubnetProviderDuplicate

    [Fact]
    public async Task Rejects_a_second_subnet_with_the_same_provider()
    {
        var cluster = ClusterOf([AttachNad, Attach(), .. DefaultSubnets]);
        var decision = await Create(Subnet("attach-subnet-b", "attachnet.default.ovn", "172.18.0.0/16"), cluster);
        DecisionAssert.Denied(decision, [("SubnetProviderDuplicate", Provider)]);
        Assert.Contains("Subnet attach-subnet", DecisionAssert.MessageOf(decision, "SubnetProviderDuplicate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_count_the_stored_version_of_the_same_subnet_as_a_duplicate()
    {
        DecisionAssert.Allowed(await Update(Attach(), Attach(gateway: "172.17.0.1")));
    }

    [Fact]
    public async Task Allows_many_subnets_on_the_default_provider()
    {
        DecisionAssert.Allowed(await Create(Subnet("third", "ovn", "10.18.0.0/16", vpc: "ovn-cluster")));
    }

    // SubnetCidrInvalid

    [Theory]
    [InlineData("172.17.0.0/invalid")]
    [InlineData("172.17.0.0")]
    [InlineData("172.17.0/16")]
    [InlineData("10.1/16")]
    [InlineData("010.16.0.0/16")]
    [InlineData("10.16.0.0/33")]
    [InlineData("10.16.0.0/32")]
    [InlineData("fd00::/128")]
    [InlineData("FD00::/64")]
    [InlineData("fd00::/129")]
    [InlineData("fe80::%eth0/64")]
    [InlineData("10.16.0.0/16,10.17.0.0/16")]
    [InlineData("fd00::/64,fd01::/64")]
    [InlineData("10.16.0.0/16,fd00::/64,10.17.0.0/16")]
    [InlineData("10.16.0.0/16, fd00::/64")]
    [InlineData("0.0.0.0/0")]
    [InlineData("0.0.0.0/8")]
    [InlineData("127.0.0.0/16")]
    [InlineData("224.0.0.0/24")]
    [InlineData("169.254.1.0/24")]
    [InlineData("255.255.255.0/24")]
    [InlineData("::/0")]
    [InlineData("::/64")]
    [InlineData("ff00::/16")]
    [InlineData("fe80::/64")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Rejects_a_cidr_that_is_no_unicast_network(string? cidr)
    {
        var decision = await Create(Subnet("extra", "ovn", cidr));
        DecisionAssert.Denied(decision, [("SubnetCidrInvalid", Cidr)]);
        Assert.Contains("write it as a network", DecisionAssert.MessageOf(decision, "SubnetCidrInvalid"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("172.17.0.0/invalid", "cidrBlock \"172.17.0.0/invalid\" of Subnet extra has no valid prefix length (0 to 32)")]
    [InlineData("10.16.0.0/16,fe80::/64", "has \"fe80::/64\", which overlaps the IPv6 link-local range fe80::/10")]
    [InlineData("10.16.0.0/32", "is a single address (/32), not a network")]
    public async Task Says_which_part_of_the_cidr_is_wrong(string cidr, string explanation)
    {
        var decision = await Create(Subnet("extra", "ovn", cidr));
        DecisionAssert.Denied(decision, [("SubnetCidrInvalid", Cidr)]);
        Assert.Contains(explanation, DecisionAssert.MessageOf(decision, "SubnetCidrInvalid"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("172.17.0.0/16")]
    [InlineData("172.17.0.5/16")]
    [InlineData("10.0.0.0/31")]
    [InlineData("fd00:10:16::/64")]
    [InlineData("10.20.0.0/16,fd00:10:20::/64")]
    [InlineData("fd00:10:20::/64,10.20.0.0/16")]
    [InlineData("2001:db8::/127")]
    public async Task Allows_ipv4_ipv6_and_dual_stack_cidrs(string cidr)
    {
        DecisionAssert.Allowed(await Create(Subnet("extra", "ovn", cidr)));
    }

    [Fact]
    public async Task Skips_address_checks_on_a_mac_only_underlay_subnet()
    {
        DecisionAssert.Allowed(await Create(Subnet("underlay", "ovn", cidr: null, protocol: "Mac", vlan: "vlan10")));
    }

    // SubnetGatewayInvalid

    [Theory]
    [InlineData("172.17.0.0/16", "172.18.0.1", "is not in cidr")]
    [InlineData("172.17.0.0/16", "172.17.0.0", "is the network number")]
    [InlineData("172.17.0.0/16", "172.17.255.255", "is the broadcast address")]
    [InlineData("172.17.0.0/16", "fd00::1", "is not in cidr")]
    [InlineData("172.17.0.0/16", "172.17.0.1,172.17.0.2", "has two IPv4 addresses")]
    [InlineData("172.17.0.0/16", "gateway", "is not an IP address")]
    [InlineData("fd00::/64", "FD00::1", "contains upper case")]
    [InlineData("fd00::/64", "fd01::1", "is not in cidr")]
    [InlineData("fd00::/64", "fd00::", "is the network number")]
    [InlineData("10.20.0.0/16,fd00:10:20::/64", "10.20.0.1,fd00:10:21::1", "is not in cidr")]
    public async Task Rejects_a_gateway_outside_the_cidr_or_on_its_edges(string cidr, string gateway, string explanation)
    {
        var decision = await Create(Subnet("extra", "ovn", cidr, gateway));
        DecisionAssert.Denied(decision, [("SubnetGatewayInvalid", Gateway)]);
        var message = DecisionAssert.MessageOf(decision, "SubnetGatewayInvalid");
        Assert.Contains(explanation, message, StringComparison.Ordinal);
        Assert.Contains($"gateway \"{gateway}\"", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("172.17.0.0/16", "172.17.0.1")]
    [InlineData("172.17.0.0/16", "172.17.255.254")]
    [InlineData("10.0.0.0/31", "10.0.0.0")]
    [InlineData("fd00::/64", "fd00::1")]
    [InlineData("fd00::/64", "fd00::ffff:ffff:ffff:ffff")]
    [InlineData("10.20.0.0/16,fd00:10:20::/64", "10.20.0.1,fd00:10:20::1")]
    [InlineData("10.20.0.0/16,fd00:10:20::/64", "10.20.0.1")]
    public async Task Allows_a_host_gateway_inside_the_cidr(string cidr, string gateway)
    {
        DecisionAssert.Allowed(await Create(Subnet("extra", "ovn", cidr, gateway)));
    }

    [Fact]
    public async Task Rejects_a_gateway_and_exclude_ips_on_a_mac_only_subnet()
    {
        var decision = await Create(Subnet("underlay", "ovn", cidr: null, gateway: "10.0.0.1", excludeIps: ["10.0.0.1"], vlan: "vlan10"));
        DecisionAssert.Denied(decision, [("SubnetGatewayInvalid", Gateway), ("SubnetExcludeIpsInvalid", "spec.excludeIps")]);
    }

    [Fact]
    public async Task Reports_only_the_cidr_when_gateway_cannot_be_judged_against_it()
    {
        var decision = await Create(Subnet("extra", "ovn", "172.17.0.0/invalid", "172.18.0.1"));
        DecisionAssert.Denied(decision, [("SubnetCidrInvalid", Cidr)]);
    }

    // SubnetExcludeIpsInvalid

    [Theory]
    [InlineData("172.17.0.0/16", "172.17.0.20..172.17.0.10", "start after end")]
    [InlineData("172.17.0.0/16", "172.18.0.1", "is not inside cidrBlock")]
    [InlineData("172.17.0.0/16", "172.17.0.1..172.18.0.1", "is not inside cidrBlock")]
    [InlineData("172.17.0.0/16", "172.17.0.1..", "not a valid address")]
    [InlineData("172.17.0.0/16", "172.17.0.1..172.17.0.2..172.17.0.3", "is not a valid ip range")]
    [InlineData("172.17.0.0/16", "172.17.0.1..fd00::1", "mixes IPv4 and IPv6")]
    [InlineData("172.17.0.0/16", "172.17.0.300", "not a valid address")]
    [InlineData("fd00::/64", "FD00::10", "upper case")]
    [InlineData("fd00::/64", "fd00::20..fd00::10", "start after end")]
    [InlineData("10.20.0.0/16,fd00:10:20::/64", "fd00:10:21::1", "is not inside cidrBlock")]
    public async Task Rejects_an_exclude_ips_entry_that_is_malformed_reversed_or_outside(string cidr, string entry, string explanation)
    {
        // A valid first entry proves the failure lands on the bad entry's own index.
        var decision = await Create(Subnet("extra", "ovn", cidr, excludeIps: [ValidEntryFor(cidr), entry]));
        DecisionAssert.Denied(decision, [("SubnetExcludeIpsInvalid", "spec.excludeIps[1]")]);
        Assert.Contains(explanation, DecisionAssert.MessageOf(decision, "SubnetExcludeIpsInvalid"), StringComparison.Ordinal);
    }

    private static string ValidEntryFor(string cidr) =>
        cidr.Contains(',', StringComparison.Ordinal) ? "10.20.0.1" : cidr.StartsWith("fd00", StringComparison.Ordinal) ? "fd00::1" : "172.17.0.1";

    [Fact]
    public async Task Allows_addresses_and_ordered_ranges_of_both_families_inside_the_cidr()
    {
        var subnet = Subnet("extra", "ovn", "10.20.0.0/16,fd00:10:20::/64", "10.20.0.1,fd00:10:20::1",
            ["10.20.0.0..10.20.0.10", "10.20.255.255", "fd00:10:20::1..fd00:10:20::ff", "10.20.1.1..10.20.1.1"]);
        DecisionAssert.Allowed(await Create(subnet));
    }

    // SubnetProtocolInvalid

    [Theory]
    [InlineData("ipv4", "172.17.0.0/16", "write \"IPv4\"")]
    [InlineData("IPV6", "fd00::/64", "write \"IPv6\"")]
    [InlineData("ipv5", "172.17.0.0/16", "use IPv4, IPv6, Dual or Mac")]
    [InlineData("IPv6", "172.17.0.0/16", "set it to \"IPv4\"")]
    [InlineData("IPv4", "10.20.0.0/16,fd00:10:20::/64", "set it to \"Dual\"")]
    [InlineData("Dual", "fd00::/64", "set it to \"IPv6\"")]
    [InlineData("Mac", "172.17.0.0/16", "set it to \"IPv4\"")]
    public async Task Rejects_a_protocol_that_is_unknown_or_disagrees_with_the_cidr(string protocol, string cidr, string fix)
    {
        var decision = await Create(Subnet("extra", "ovn", cidr, protocol: protocol));
        DecisionAssert.Denied(decision, [("SubnetProtocolInvalid", Protocol)]);
        Assert.Contains(fix, DecisionAssert.MessageOf(decision, "SubnetProtocolInvalid"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "172.17.0.0/16")]
    [InlineData("IPv4", "172.17.0.0/16")]
    [InlineData("IPv6", "fd00::/64")]
    [InlineData("Dual", "10.20.0.0/16,fd00:10:20::/64")]
    public async Task Allows_a_protocol_matching_the_cidr(string protocol, string cidr)
    {
        DecisionAssert.Allowed(await Create(Subnet("extra", "ovn", cidr, protocol: protocol)));
    }

    // SubnetCidrOverlap

    [Fact]
    public async Task Rejects_an_overlap_in_the_same_vpc_counting_an_empty_vpc_as_ovn_cluster()
    {
        // ovn-default is 10.16.0.0/16 in vpc ovn-cluster; the new Subnet leaves vpc empty, as users do.
        var decision = await Create(Subnet("attach-subnet", "attachnet.default.ovn", "10.16.128.0/17"));
        DecisionAssert.Denied(decision, [("SubnetCidrOverlap", Cidr)]);
        Assert.Contains("overlaps cidr 10.16.0.0/16 of Subnet ovn-default", DecisionAssert.MessageOf(decision, "SubnetCidrOverlap"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_ipv6_overlap_of_dual_stack_subnets()
    {
        var cluster = ClusterOf([AttachNad, Subnet("dual-a", "ovn", "10.30.0.0/16,fd00:30::/64")]);
        var decision = await Create(Subnet("attach-subnet", "attachnet.default.ovn", "10.31.0.0/16,fd00:30::/48"), cluster);
        DecisionAssert.Denied(decision, [("SubnetCidrOverlap", Cidr)]);
    }

    [Fact]
    public async Task Rejects_an_overlap_between_ipam_only_subnets()
    {
        var cluster = ClusterOf([MacvlanNad, Nad("ipvlan", IpamConfig("ipvlan.default")), Subnet("macvlan", "macvlan.default", "172.18.0.0/16")]);
        var decision = await Create(Subnet("ipvlan", "ipvlan.default", "172.18.5.0/24"), cluster);
        DecisionAssert.Denied(decision, [("SubnetCidrOverlap", Cidr)]);
    }

    [Fact]
    public async Task Allows_the_same_cidr_in_another_vpc_another_vlan_or_ipam_only()
    {
        var cluster = ClusterOf([AttachNad, MacvlanNad, Nad("vlan-net", OvnConfig("vlan-net.default.ovn")),
            Subnet("tenant", "ovn", "172.17.0.0/16", vpc: "tenant-vpc"),
            Subnet("macvlan", "macvlan.default", "172.17.0.0/16"),
            Subnet("underlay", "vlan-net.default.ovn", "172.17.0.0/16", vlan: "vlan10"),
            Subnet("mac-only", "ovn", cidr: null, vlan: "vlan20")]);
        DecisionAssert.Allowed(await Create(Attach(), cluster));
    }

    [Fact]
    public async Task Does_not_overlap_the_stored_version_of_itself()
    {
        DecisionAssert.Allowed(await Update(Attach(), Attach(cidr: "172.17.0.0/17")));
    }

    // SubnetChangeWhileInUse

    [Theory]
    [InlineData("gateway", "172.17.0.254", "spec.gateway")]
    [InlineData("vpc", "tenant-vpc", "spec.vpc")]
    public async Task Rejects_an_addressing_change_while_addresses_are_in_use(string field, string value, string path)
    {
        var old = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1", vpc: "ovn-cluster", v4Using: 3);
        var changed = (JsonObject)old.DeepClone();
        changed["spec"]![field] = value;
        var decision = await Update(old, changed);
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", path)]);
        Assert.Contains("while 3 IPv4 and 0 IPv6 addresses are in use", DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_provider_change_while_ipv6_addresses_are_in_use()
    {
        var cluster = ClusterOf([AttachNad, Nad("other", OvnConfig("other.default.ovn"))]);
        var old = Subnet("attach-subnet", "attachnet.default.ovn", "fd00:17::/64", v6Using: 1);
        var changed = Subnet("attach-subnet", "other.default.ovn", "fd00:17::/64", v6Using: 1);
        DecisionAssert.Denied(await Update(old, changed, cluster), [("SubnetChangeWhileInUse", Provider)]);
    }

    [Fact]
    public async Task Allows_the_same_change_when_no_address_is_in_use()
    {
        var old = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1");
        DecisionAssert.Allowed(await Update(old, Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/17", "172.17.0.254")));
    }

    [Fact]
    public async Task Allows_the_controllers_own_defaulting_while_addresses_are_in_use()
    {
        var old = Subnet("extra", "", "10.40.0.5/16", v4Using: 2);
        var formatted = Subnet("extra", "ovn", "10.40.0.0/16", "10.40.0.1", vpc: "ovn-cluster", v4Using: 2);
        DecisionAssert.Allowed(await Update(old, formatted));
    }

    // SubnetCidrChangeWhileInUse

    [Fact]
    public async Task Allows_a_cidr_change_in_use_with_a_warning_as_in_kube_ovns_change_default_subnet_procedure()
    {
        // kubeovn/docs ops/change-default-subnet: edit cidrBlock, gateway and excludeIps of the subnet in place.
        var old = Subnet("ovn-default", "ovn", "10.16.0.0/16", "10.16.0.1", ["10.16.0.1"], "IPv4", "ovn-cluster", v4Using: 12);
        var changed = Subnet("ovn-default", "ovn", "10.17.0.0/16", "10.17.0.1", ["10.17.0.1"], "IPv4", "ovn-cluster", v4Using: 12);
        var decision = await Update(old, changed, ClusterOf([old]));
        DecisionAssert.AllowedWithWarnings(decision, ("SubnetCidrChangeWhileInUse", Cidr));
        Assert.Contains("keep the old cidrBlock", DecisionAssert.MessageOf(decision, "SubnetCidrChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cidr_change_with_no_address_in_use_needs_no_warning_and_a_gateway_change_in_use_is_still_denied()
    {
        var old = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1", vpc: "ovn-cluster");
        DecisionAssert.Allowed(await Update(old, Subnet("attach-subnet", "attachnet.default.ovn", "172.16.0.0/16", "172.16.0.1", vpc: "ovn-cluster")));

        var inUse = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1", vpc: "ovn-cluster", v4Using: 1);
        var movedGateway = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.254", vpc: "ovn-cluster", v4Using: 1);
        DecisionAssert.Denied(await Update(inUse, movedGateway), [("SubnetChangeWhileInUse", Gateway)]);
        var movedVpc = Subnet("attach-subnet", "attachnet.default.ovn", "172.16.0.0/16", "172.16.0.1", vpc: "tenant-vpc", v4Using: 1);
        DecisionAssert.Denied(await Update(inUse, movedVpc), [("SubnetChangeWhileInUse", "spec.vpc")], "SubnetCidrChangeWhileInUse");
    }

    // SubnetDeleteWhileInUse

    [Theory]
    [InlineData(2, 0, "status.v4usingIPs")]
    [InlineData(0, 1, "status.v6usingIPs")]
    public async Task Rejects_deleting_a_subnet_with_addresses_in_use(double v4, double v6, string field)
    {
        var decision = await Delete(Subnet("attach-subnet", "attachnet.default.ovn", "10.20.0.0/16,fd00:10:20::/64", v4Using: v4, v6Using: v6));
        DecisionAssert.Denied(decision, [("SubnetDeleteWhileInUse", field)]);
        Assert.Contains("can't delete Subnet attach-subnet", DecisionAssert.MessageOf(decision, "SubnetDeleteWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allows_deleting_an_unused_subnet_even_with_an_invalid_spec()
    {
        DecisionAssert.Allowed(await Delete(Subnet("attach-subnet", "not a provider", "nonsense", "x")));
    }

    [Fact]
    public async Task Reports_every_failure_of_one_subnet()
    {
        var decision = await Create(Subnet("bad", "missingnet.default.ovn", "10.16.0.0/24", "10.99.0.1", ["10.16.0.9..10.16.0.1"], "ipv4"));
        DecisionAssert.Denied(decision,
        [
            ("SubnetGatewayInvalid", Gateway), ("SubnetExcludeIpsInvalid", "spec.excludeIps[0]"),
            ("SubnetProtocolInvalid", Protocol), ("SubnetCidrOverlap", Cidr),
        ], "SubnetProviderNadMissing");
    }
}

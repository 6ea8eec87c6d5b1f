using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.Subnets;

/// <summary>
/// Which edits of a Subnet with addresses in use count as an addressing change, field by field: what kube-ovn-controller
/// writes itself (defaults, canonical CIDRs) is no change, anything else is, and the denial names the old and the new
/// value exactly as the user wrote them.
/// </summary>
public sealed class SubnetInUseChangeTests
{
    private const string Cidr = "spec.cidrBlock";

    private static readonly JsonObject[] Nads =
    [
        Nad("attachnet", OvnConfig("attachnet.default.ovn")),
        Nad("other", OvnConfig("other.default.ovn")),
        Nad("macvlan", IpamConfig("macvlan.default")),
    ];

    private static Task<AdmissionDecision> Update(JsonObject old, JsonObject subnet) =>
        SubnetHarness(ClusterOf([.. Nads, old, .. DefaultSubnets])).ValidateAsync(RuleHarness<Subnet>.Request("UPDATE", subnet, old));

    private static JsonObject InUse(string? provider = "attachnet.default.ovn", string? cidr = "172.17.0.0/16", string? gateway = "172.17.0.1",
        string? vpc = null, string? vlan = null) =>
        Subnet("attach-subnet", provider, cidr, gateway, vpc: vpc, vlan: vlan, v4Using: 3);

    [Fact]
    public async Task A_removed_gateway_is_a_change_whose_message_names_both_values()
    {
        var decision = await Update(InUse(), InUse(gateway: null));
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.gateway")]);
        Assert.Equal(
            "can't change gateway of Subnet attach-subnet from \"172.17.0.1\" to \"\" while 3 IPv4 and 0 IPv6 addresses are in use: " +
            "keep \"172.17.0.1\", or release the addresses first",
            DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"));
    }

    [Fact]
    public async Task A_provider_set_on_a_subnet_that_had_none_is_a_change_from_the_empty_value()
    {
        var decision = await Update(InUse(provider: null, cidr: "10.40.0.0/16", gateway: "10.40.0.1"),
            InUse(provider: "attachnet.default.ovn", cidr: "10.40.0.0/16", gateway: "10.40.0.1"));
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.provider")]);
        Assert.StartsWith("can't change provider of Subnet attach-subnet from \"\" to \"attachnet.default.ovn\" while",
            DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vpc_set_where_the_controller_defaulted_none_is_a_change_from_the_empty_value()
    {
        var decision = await Update(InUse(), InUse(vpc: "tenant-vpc"));
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.vpc")]);
        Assert.StartsWith("can't change vpc of Subnet attach-subnet from \"\" to \"tenant-vpc\" while",
            DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", null)]
    public async Task A_provider_change_that_moves_the_default_vpc_is_reported_once_as_a_provider_change(string? oldVpc, string? newVpc)
    {
        // An OVN provider puts a vpc-less Subnet in ovn-cluster, an IPAM provider in none: the vpc text did not change,
        // so only the provider did.
        var decision = await Update(InUse(vpc: oldVpc), InUse(provider: "macvlan.default", vpc: newVpc));
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.provider")]);
    }

    [Theory]
    [InlineData("172.17.0.0/16", "172.17.0.0/16,fd00:17::/64")]
    [InlineData("172.17.0.0/16,fd00:17::/64", "172.17.0.0/16")]
    [InlineData("172.17.0.0/16,fd00:17::/64", "172.17.0.0/16,fd00:18::/64")]
    public async Task Adding_dropping_or_moving_one_family_of_a_dual_stack_cidr_is_a_cidr_change(string before, string after)
    {
        DecisionAssert.AllowedWithWarnings(await Update(InUse(cidr: before), InUse(cidr: after)), ("SubnetCidrChangeWhileInUse", Cidr));
    }

    [Fact]
    public async Task The_same_dual_stack_networks_written_in_canonical_form_are_no_change()
    {
        DecisionAssert.Allowed(await Update(InUse(cidr: "172.17.0.9/16,fd00:17::9/64"), InUse(cidr: "172.17.0.0/16,fd00:17::/64")));
    }

    [Fact]
    public async Task A_mac_only_subnet_without_cidr_keeps_its_missing_cidr_without_a_change()
    {
        var macOnly = InUse(cidr: null, gateway: null, vlan: "vlan10");
        var relabelled = InUse(cidr: null, gateway: null, vlan: "vlan10");
        relabelled["metadata"]!["labels"] = new JsonObject { ["team"] = "net" };
        DecisionAssert.Allowed(await Update(macOnly, relabelled));
    }

    [Fact]
    public async Task Addresses_in_use_on_the_incoming_object_count_when_the_stored_one_shows_none()
    {
        var stored = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1");
        var incoming = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.254", v6Using: 2);
        var decision = await Update(stored, incoming);
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.gateway")]);
        Assert.Contains("while 0 IPv4 and 2 IPv6 addresses are in use", DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stored_objects_figures_are_the_ones_named()
    {
        var decision = await Update(InUse(), Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.254", v4Using: 9));
        Assert.Contains("while 3 IPv4 and 0 IPv6 addresses are in use", DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moved_gateway_names_the_new_one()
    {
        var decision = await Update(InUse(), InUse(gateway: "172.17.0.254"));
        Assert.StartsWith("can't change gateway of Subnet attach-subnet from \"172.17.0.1\" to \"172.17.0.254\" while",
            DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other.default.ovn", "to \"other.default.ovn\"")]
    [InlineData(null, "to \"\"")]
    public async Task A_changed_or_removed_provider_names_both_values(string? provider, string after)
    {
        var decision = await Update(InUse(), InUse(provider: provider));
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.provider")]);
        Assert.StartsWith($"can't change provider of Subnet attach-subnet from \"attachnet.default.ovn\" {after} while",
            DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_vpc_of_an_ipam_subnet_moves_it_out_of_that_vpc()
    {
        // Without .ovn the controller leaves vpc empty, so dropping an explicit ovn-cluster is a real move.
        var decision = await Update(InUse(provider: "macvlan.default", vpc: "ovn-cluster"), InUse(provider: "macvlan.default", vpc: null));
        DecisionAssert.Denied(decision, [("SubnetChangeWhileInUse", "spec.vpc")]);
        Assert.StartsWith("can't change vpc of Subnet attach-subnet from \"ovn-cluster\" to \"\" while",
            DecisionAssert.MessageOf(decision, "SubnetChangeWhileInUse"), StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.Ratcheting;

/// <summary>
/// Ratcheting over generated stored objects, valid or not: for any stored VM, NAD or Subnet, an UPDATE that changes
/// only metadata is never denied, and an UPDATE that puts a new violation into a field it changes always is.
/// </summary>
public sealed class RatchetPropertyTests
{
    private const int Iterations = 300;

    private static readonly string[] Users = ["alice", Exempt, "system:serviceaccount:kube-system:ovn"];

    /// <summary>What a metadata-only edit does: a label, an annotation, a finalizer, an owner reference.</summary>
    private static JsonObject TouchMetadata(JsonObject stored, int kind)
    {
        var copy = (JsonObject)stored.DeepClone();
        var metadata = copy["metadata"] as JsonObject ?? [];
        copy["metadata"] = metadata;
        switch (kind % 4)
        {
            case 0:
                metadata["labels"] = new JsonObject { ["team"] = "db" };
                break;
            case 1:
                metadata["annotations"] = new JsonObject { ["note"] = "x" };
                break;
            case 2:
                metadata["finalizers"] = new JsonArray("example.com/keep");
                break;
            default:
                metadata["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = "1" });
                break;
        }
        return copy;
    }

    // VirtualMachine

    [Fact]
    public async Task A_metadata_only_update_of_any_stored_vm_is_never_denied()
    {
        var harness = Harness();
        await Gen.Select(VmEditGenerator.Edits, Gen.Int[0, 3], Gen.Int[0, Users.Length - 1]).SampleAsync(async (edit, kind, user) =>
        {
            var decision = await harness.ValidateAsync(Update(edit.Old, TouchMetadata(edit.Old, kind), Users[user]));
            Assert.True(decision is AdmissionDecision.Allow, $"denied: {decision}");
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1}\nmetadata edit {t.Item2}, user {Users[t.Item3]}");
    }

    private static readonly (string Member, string Value, string Code)[] VmViolations =
    [
        ("macAddress", "not-a-mac", "VmMacInvalid"),
        ("model", "rtl9000", "VmModelInvalid"),
        ("state", "Sideways", "VmInterfaceStateInvalid"),
    ];

    [Fact]
    public async Task A_new_violation_in_a_changed_vm_field_is_always_denied()
    {
        var harness = Harness();
        await Gen.Select(VmEditGenerator.Edits, Gen.Int[0, VmViolations.Length - 1]).SampleAsync(async (edit, pick) =>
        {
            var (member, value, code) = VmViolations[pick];
            var current = (JsonObject)edit.Old.DeepClone();
            // Interface 0 is always the masquerade pod interface; the generator never writes these values.
            current["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![0]![member] = value;
            var decision = await harness.ValidateAsync(Update(edit.Old, current));
            var deny = Assert.IsType<AdmissionDecision.Deny>(decision);
            Assert.Contains(deny.Failures, f => f.Code == code && f.Field == IfaceAt(0, member));
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1}\nviolation {VmViolations[t.Item2]}");
    }

    // NetworkAttachmentDefinition

    private static readonly string[] NadNames = ["attachnet", "vm.net", "macvlan"];

    private static readonly string?[] NadConfigs =
    [
        null, "", "{", "[1]", "{\"cniVersion\":\"0.3.1\"}", "{\"plugins\":[{\"mtu\":1}]}", BridgeConfig,
        OvnConfig("{0}.default.ovn"), OvnConfig(null), OvnConfig("{0}.default"), OvnConfig("other.default.ovn"), OvnConfig("{0}.default.ovn", socket: null),
        OvnConfig("{0}.default.ovn", socket: "relative.sock"), OvnConfig("{0}.default.ovn", cniVersion: "9.9"), IpamConfig("{0}.default"), IpamConfig("{0}.default.ovn"),
    ];

    /// <summary>A stored NAD (any of the configs above, valid or not), maybe carried by Subnets, and who edits it.</summary>
    private static readonly Gen<(JsonObject Nad, ClusterSnapshot Cluster, string User)> StoredNads =
        Gen.Int[0, 1000].Array[4].Select(dna =>
        {
            var nadName = NadNames[dna[0] % NadNames.Length];
            var text = NadConfigs[dna[1] % NadConfigs.Length]?.Replace("{0}", nadName, StringComparison.Ordinal);
            var nad = Nad(nadName, text);
            JsonNode[] objects = dna[2] % 2 == 0
                ? [nad]
                : [nad, Subnet("s1", $"{nadName}.default.ovn", "172.17.0.0/16"), Subnet("s2", $"{nadName}.default", "172.18.0.0/16")];
            return (nad, ClusterOf(objects), Users[dna[3] % Users.Length]);
        });

    [Fact]
    public async Task A_metadata_only_update_of_any_stored_nad_is_never_denied()
    {
        await Gen.Select(StoredNads, Gen.Int[0, 3]).SampleAsync(async (stored, kind) =>
        {
            var decision = await NadHarness(stored.Cluster).ValidateAsync(
                RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", TouchMetadata(stored.Nad, kind), stored.Nad, stored.User));
            Assert.True(decision is AdmissionDecision.Allow, $"denied: {decision}");
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1.Nad.ToJsonString()} user {t.Item1.User}");
    }

    [Fact]
    public async Task A_nad_config_changed_to_something_unreadable_is_always_denied()
    {
        await StoredNads.SampleAsync(async stored =>
        {
            var current = (JsonObject)stored.Nad.DeepClone();
            current["spec"] = new JsonObject { ["config"] = "{\"type\": broken" };
            var decision = await NadHarness(stored.Cluster).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", current, stored.Nad));
            var deny = Assert.IsType<AdmissionDecision.Deny>(decision);
            Assert.Contains(deny.Failures, f => f.Code == "NadConfigInvalidJson" && f.Field == "spec.config");
        }, iter: Iterations, threads: 1, print: t => t.Nad.ToJsonString());
    }

    // Subnet

    private static readonly string?[] Providers = [null, "", "ovn", "attachnet.default.ovn", "attachnet.default", "macvlan.default", "missing.default.ovn", "not a provider"];
    private static readonly string?[] Cidrs = [null, "172.17.0.0/16", "10.16.0.0/16", "172.17.0.0/33", "fd00:17::/64", "172.17.0.0/16,fd00:17::/64", "Bad"];
    private static readonly string?[] Gateways = [null, "172.17.0.1", "10.99.0.1", "FD00:17::1"];
    private static readonly string?[] Protocols = [null, "IPv4", "ipv4", "IPv6", "Dual"];
    private static readonly string?[] Vpcs = [null, "ovn-cluster", "tenant"];

    /// <summary>A stored Subnet built from the pools above (valid or not), in use or not, maybe with a twin, and its editor.</summary>
    private static readonly Gen<(JsonObject Subnet, ClusterSnapshot Cluster, string User)> StoredSubnets =
        Gen.Int[0, 1000].Array[8].Select(dna =>
        {
            var provider = Providers[dna[0] % Providers.Length];
            var cidr = Cidrs[dna[1] % Cidrs.Length];
            var subnet = Subnet("s1", provider, cidr, Gateways[dna[2] % Gateways.Length], protocol: Protocols[dna[3] % Protocols.Length],
                vpc: Vpcs[dna[4] % Vpcs.Length], v4Using: dna[5] % 3);
            JsonNode[] objects = [Nad("attachnet", OvnConfig("attachnet.default.ovn")), Nad("macvlan", IpamConfig("macvlan.default")), subnet, .. DefaultSubnets];
            if (dna[6] % 2 == 1)
            {
                // Another Subnet on the same provider and range: the duplicate and the overlap the stored one may already have.
                objects = [.. objects, Subnet("s2", provider, cidr)];
            }
            return (subnet, ClusterOf(objects), Users[dna[7] % Users.Length]);
        });

    [Fact]
    public async Task A_metadata_only_update_of_any_stored_subnet_is_never_denied()
    {
        await Gen.Select(StoredSubnets, Gen.Int[0, 3]).SampleAsync(async (stored, kind) =>
        {
            var decision = await SubnetHarness(stored.Cluster).ValidateAsync(
                RuleHarness<Subnet>.Request("UPDATE", TouchMetadata(stored.Subnet, kind), stored.Subnet, stored.User));
            Assert.True(decision is AdmissionDecision.Allow, $"denied: {decision}");
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1.Subnet.ToJsonString()} user {t.Item1.User}");
    }

    [Fact]
    public async Task A_subnet_protocol_changed_to_an_unknown_one_is_always_denied()
    {
        await StoredSubnets.SampleAsync(async stored =>
        {
            var current = (JsonObject)stored.Subnet.DeepClone();
            current["spec"]!["protocol"] = "IPv9";
            var decision = await SubnetHarness(stored.Cluster).ValidateAsync(RuleHarness<Subnet>.Request("UPDATE", current, stored.Subnet));
            var deny = Assert.IsType<AdmissionDecision.Deny>(decision);
            Assert.Contains(deny.Failures, f => f.Code == "SubnetProtocolInvalid" && f.Field == "spec.protocol");
        }, iter: Iterations, threads: 1, print: t => t.Subnet.ToJsonString());
    }
}

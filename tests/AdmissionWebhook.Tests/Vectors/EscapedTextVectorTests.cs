using System.Text.Json.Nodes;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>
/// Vectors (same schema and runner as Vectors/cases) whose objects carry the text that breaks byte-exact guards: NAD
/// configs written as YAML block scalars (line breaks, indentation, tabs) holding quotes, backslashes, <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, U+2028 and non-ASCII text. Through the real HTTPS endpoints, each patch is applied with
/// kube-apiserver's json-patch to the object as Go encodes it.
/// </summary>
public sealed class EscapedTextVectorTests : IClassFixture<AcceptanceVectorTests.Server>
{
    private const string Socket = "/run/openvswitch/kube-ovn-daemon.sock";

    /// <summary>A NAD manifest with the config as a literal block, the way kubectl users write it.</summary>
    private const string BlockNad = """
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: attachnet
          namespace: default
        spec:
          config: |
            {
              "cniVersion": "0.3.1",
              "type": "kube-ovn",
              "provider": "attachnet.default",
              "note": "say \"<hi>\" & C:\\path — 网络 ✓ 😀",
            	"tabbed": "a\tb\u2028c"
            }
        """;

    private readonly AcceptanceVectorTests.Server _server;

    public EscapedTextVectorTests(AcceptanceVectorTests.Server server) => _server = server;

    public static TheoryData<string> Cases => ["nad-create-block-config", "nad-update-block-config", "subnet-create-next-to-escaped-nad"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Escaped_text_vector_passes_through_the_endpoints(string name)
    {
        var vector = AcceptanceVector.From($"escaped/{name}.json", Vector(name));
        _server.Cluster.Snapshot = vector.Cluster;
        await VectorRunner.RunAsync(_server.Client, vector);
    }

    [Fact]
    public void The_block_config_really_holds_the_characters_under_test()
    {
        var config = Nad()["spec"]!["config"]!.GetValue<string>();
        foreach (var expected in new[] { "\n  \"cniVersion\"", "\n\t\"tabbed\"", "\\\"<hi>\\\"", "&", "C:\\\\path", "网络", "😀", "\\u2028" })
        {
            Assert.Contains(expected, config, StringComparison.Ordinal);
        }
    }

    private static JsonObject Nad() => ClusterBuilder.Object(BlockNad);

    private static JsonObject Vector(string name)
    {
        var nad = Nad();
        var subnet = KubeOvnObjectsSubnet("attachnet.default.ovn");
        return name switch
        {
            "nad-create-block-config" => Build("CREATE", nad, null, [subnet], NadExpectation()),
            "nad-update-block-config" => Build("UPDATE", nad, OldNad(), [OldNad(), subnet], NadExpectation()),
            _ => Build("CREATE", KubeOvnObjectsSubnet("attachnet.default", "attach-subnet-2", "172.18.0.0/16"), null,
                [FixedNad()], new JsonObject { ["allowed"] = true, ["patch"] = new JsonObject { ["/spec/provider"] = "attachnet.default.ovn" } }),
        };
    }

    /// <summary>The stored NAD of the UPDATE: the same config before someone added the note.</summary>
    private static JsonObject OldNad()
    {
        var old = Nad();
        old["metadata"]!["resourceVersion"] = "41";
        old["spec"]!["config"] = """{"cniVersion":"0.3.1","type":"kube-ovn","provider":"attachnet.default"}""";
        return old;
    }

    /// <summary>A correct NAD in the cluster whose config still carries the awkward text.</summary>
    private static JsonObject FixedNad()
    {
        var nad = Nad();
        nad["spec"]!["config"] = nad["spec"]!["config"]!.GetValue<string>()
            .Replace("\"attachnet.default\"", $"\"attachnet.default.ovn\",\n  \"server_socket\": \"{Socket}\"", StringComparison.Ordinal);
        return nad;
    }

    private static JsonObject NadExpectation() => new()
    {
        ["allowed"] = true,
        ["warnCodes"] = new JsonArray(),
        ["patch"] = new JsonObject(),
        ["patchedConfig"] = new JsonObject
        {
            ["/provider"] = "attachnet.default.ovn",
            ["/server_socket"] = Socket,
            ["/note"] = "say \"<hi>\" & C:\\path — 网络 ✓ 😀",
            ["/tabbed"] = "a\tb\u2028c",
        },
    };

    private static JsonObject KubeOvnObjectsSubnet(string provider, string name = "attach-subnet", string cidr = "172.17.0.0/16") =>
        Rules.NetworkAttachmentDefinitions.KubeOvnObjects.Subnet(name, provider, cidr);

    private static JsonObject Build(string operation, JsonObject? obj, JsonObject? old, JsonObject[] cluster, JsonObject expect)
    {
        var subject = (obj ?? old)!;
        var kind = subject["kind"]!.GetValue<string>();
        var (group, resource) = kind == "Subnet" ? ("kubeovn.io", "subnets") : ("k8s.cni.cncf.io", "network-attachment-definitions");
        expect["denyCodes"] ??= new JsonArray();
        expect["warnCodes"] ??= new JsonArray();
        return new JsonObject
        {
            ["request"] = new JsonObject
            {
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["resource"] = resource },
                ["operation"] = operation,
                ["namespace"] = subject["metadata"]!["namespace"]?.GetValue<string>() ?? string.Empty,
                ["name"] = subject["metadata"]!["name"]!.GetValue<string>(),
                ["userInfo"] = new JsonObject { ["username"] = "alice", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj?.DeepClone(),
                ["oldObject"] = old?.DeepClone(),
            },
            ["cluster"] = new JsonArray([.. cluster.Select(c => (JsonNode)c.DeepClone())]),
            ["expect"] = expect,
        };
    }
}

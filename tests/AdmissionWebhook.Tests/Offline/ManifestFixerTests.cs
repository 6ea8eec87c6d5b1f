using System.Text.Json.Nodes;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Offline;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>
/// --fix splices the mutating webhook's changes into the text: the result reads back as the patched object, and
/// every character outside the changed value is as written. Patches here are built by hand, so these tests do not
/// depend on which mutations exist.
/// </summary>
public sealed class ManifestFixerTests
{
    private const string SubnetYaml = """
        # The attachment subnet. Comments and layout must survive.
        apiVersion: kubeovn.io/v1
        kind: Subnet
        metadata:
          name: attachnet   # trailing comment
        spec:
          protocol: IPv4
          provider: attachnet.default
          cidrBlock: 172.17.0.0/16

        """;

    private static (string Text, JsonNode? Patched, IReadOnlyList<(ManifestDocument, string)> Rewritten) Fix(string text, bool json, params JsonPatchOperation[] operations)
    {
        var document = Assert.Single(ManifestReader.ReadText(text, "test", json));
        var patched = JsonPatchApplier.Apply(document.Object.DeepClone(), operations);
        var result = ManifestFixer.Apply(text, [new ManifestFixer.DocumentFix(document, operations, patched)], json);
        return (result.Text, patched, result.Rewritten);
    }

    private static void AssertReadsBackAs(string text, JsonNode? expected, bool json = false)
    {
        var document = Assert.Single(ManifestReader.ReadText(text, "fixed", json));
        Assert.True(JsonNode.DeepEquals(expected, document.Object), $"read back:\n{document.Object.ToJsonString()}\nexpected:\n{expected?.ToJsonString()}\ntext:\n{text}");
    }

    [Fact]
    public void Replaced_plain_scalar_keeps_everything_else_byte_for_byte()
    {
        var (text, patched, rewritten) = Fix(SubnetYaml, false,
            new JsonPatchOperation("test", JsonPointer.Parse("/spec/provider"), JsonValue.Create("attachnet.default")),
            new JsonPatchOperation("replace", JsonPointer.Parse("/spec/provider"), JsonValue.Create("attachnet.default.ovn")));

        Assert.Empty(rewritten);
        Assert.Equal(SubnetYaml.Replace("provider: attachnet.default\n", "provider: attachnet.default.ovn\n", StringComparison.Ordinal), text);
        AssertReadsBackAs(text, patched);
    }

    [Fact]
    public void Seed_nad_config_is_replaced_in_place_single_quoted()
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"));
        var config = """{"cniVersion":"0.3.0","type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"attachnet.default.ovn","note":"it's"}""";

        var (text, patched, rewritten) = Fix(original, false, new JsonPatchOperation("replace", JsonPointer.Parse("/spec/config"), JsonValue.Create(config)));

        Assert.Empty(rewritten);
        var start = original.IndexOf("config: '", StringComparison.Ordinal) + "config: ".Length;
        Assert.Equal(original[..start], text[..start]);
        Assert.StartsWith("'{\"cniVersion\":\"0.3.0\"", text[start..], StringComparison.Ordinal);
        Assert.Contains("\"note\":\"it''s\"}'", text, StringComparison.Ordinal);
        AssertReadsBackAs(text, patched);
    }

    [Theory]
    [InlineData("attachnet.default.ovn\n")]
    [InlineData("true\n")]
    [InlineData("z0\n")]
    public void A_value_ending_in_a_line_break_is_double_quoted_not_written_plain(string value)
    {
        // .NET's "$" also matches before a final "\n": a plain-text check anchored with it let "z0\n" through, and YAML
        // reads the plain scalar back without its line break (a property test found it on a loaded CI run).
        var (replaced, replacedPatched, _) = Fix(SubnetYaml, false, new JsonPatchOperation("replace", JsonPointer.Parse("/spec/provider"), JsonValue.Create(value)));
        var (added, addedPatched, _) = Fix(SubnetYaml, false, new JsonPatchOperation("add", JsonPointer.Parse("/spec/gateway"), JsonValue.Create(value)));
        var (keyed, keyedPatched, _) = Fix(SubnetYaml, false, new JsonPatchOperation("add", JsonPointer.Parse("/spec/" + value), JsonValue.Create("x")));

        var quoted = "\"" + value.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
        Assert.Contains($"provider: {quoted}\n", replaced, StringComparison.Ordinal);
        Assert.Contains($"gateway: {quoted}\n", added, StringComparison.Ordinal);
        Assert.Contains($"{quoted}: x\n", keyed, StringComparison.Ordinal);
        AssertReadsBackAs(replaced, replacedPatched);
        AssertReadsBackAs(added, addedPatched);
        AssertReadsBackAs(keyed, keyedPatched);
    }

    [Fact]
    public void Added_member_gets_its_own_line_at_the_mapping_indentation()
    {
        var (text, patched, rewritten) = Fix(SubnetYaml, false, new JsonPatchOperation("add", JsonPointer.Parse("/spec/gateway"), JsonValue.Create("172.17.0.1")));

        Assert.Empty(rewritten);
        Assert.Equal(SubnetYaml.Replace("spec:\n", "spec:\n  gateway: 172.17.0.1\n", StringComparison.Ordinal), text);
        AssertReadsBackAs(text, patched);
    }

    [Fact]
    public void Added_member_inside_a_sequence_item_lines_up_with_its_siblings()
    {
        const string vm = """
            apiVersion: kubevirt.io/v1
            kind: VirtualMachine
            metadata:
              name: vm
            spec:
              template:
                spec:
                  domain:
                    devices:
                      interfaces:
                      - name: dyniface1
                        model: virtio

            """;

        var (text, patched, rewritten) = Fix(vm, false, new JsonPatchOperation("add", JsonPointer.Parse("/spec/template/spec/domain/devices/interfaces/0/bridge"), new JsonObject()));

        Assert.Empty(rewritten);
        Assert.Equal(vm.Replace("- name: dyniface1\n", "- bridge: {}\n            name: dyniface1\n", StringComparison.Ordinal), text);
        AssertReadsBackAs(text, patched);
    }

    [Fact]
    public void Json_files_stay_json()
    {
        const string json = """
            {
              "apiVersion": "kubeovn.io/v1",
              "kind": "Subnet",
              "metadata": {"name": "attachnet"},
              "spec": {"provider": "attachnet.default", "cidrBlock": "172.17.0.0/16"}
            }

            """;

        var (text, patched, rewritten) = Fix(json, true,
            new JsonPatchOperation("replace", JsonPointer.Parse("/spec/provider"), JsonValue.Create("attachnet.default.ovn")),
            new JsonPatchOperation("add", JsonPointer.Parse("/spec/gateway"), JsonValue.Create("172.17.0.1")));

        Assert.Empty(rewritten);
        Assert.Contains("\"spec\": {\"gateway\": \"172.17.0.1\", \"provider\": \"attachnet.default.ovn\", \"cidrBlock\"", text, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(patched, JsonNode.Parse(text)));
    }

    [Fact]
    public void Array_changes_fall_back_to_the_document_as_json_and_say_so()
    {
        const string yaml = "# keep me\napiVersion: kubeovn.io/v1\nkind: Subnet\nmetadata:\n  name: s\nspec:\n  excludeIps:\n  - 172.17.0.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: untouched # as written\n";
        var documents = ManifestReader.ReadText(yaml, "test");
        var operations = new[] { new JsonPatchOperation("add", JsonPointer.Parse("/spec/excludeIps/-"), JsonValue.Create("172.17.0.2")) };
        var patched = JsonPatchApplier.Apply(documents[0].Object.DeepClone(), operations);

        var result = ManifestFixer.Apply(yaml, [new ManifestFixer.DocumentFix(documents[0], operations, patched)], json: false);

        var (document, reason) = Assert.Single(result.Rewritten);
        Assert.Same(documents[0], document);
        Assert.Contains("changes an array element", reason, StringComparison.Ordinal);
        Assert.StartsWith("# keep me\n{\n", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: untouched # as written\n", result.Text, StringComparison.Ordinal);
        var reread = ManifestReader.ReadText(result.Text, "fixed");
        Assert.True(JsonNode.DeepEquals(patched, reread[0].Object));
        Assert.True(JsonNode.DeepEquals(documents[1].Object, reread[1].Object));
    }

    [Fact]
    public void Any_replacement_string_reads_back_exactly_in_every_quoting_style()
    {
        var styles = new[] { "provider: attachnet.default", "provider: 'attachnet.default'", "provider: \"attachnet.default\"" };
        var values = Gen.String[Gen.Char["abz09 '\"\\:#-{}[],&*!|>%@`\n\t\r\u0085\u2028\u00e9\u4e2d\u0001~."], 0, 24];
        Gen.Select(Gen.Int[0, styles.Length - 1], values).Sample((style, value) =>
        {
            var yaml = SubnetYaml.Replace("provider: attachnet.default", styles[style], StringComparison.Ordinal);
            var (text, patched, rewritten) = Fix(yaml, false, new JsonPatchOperation("replace", JsonPointer.Parse("/spec/provider"), JsonValue.Create(value)));
            Assert.Empty(rewritten);
            AssertReadsBackAs(text, patched);
            Assert.EndsWith("\n  cidrBlock: 172.17.0.0/16\n", text, StringComparison.Ordinal);
        }, iter: 300);
    }
}

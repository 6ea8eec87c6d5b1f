using System.Text;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// The NAD repair over generated configs, written as people write them: compact JSON or a YAML block scalar (line
/// breaks, indentation, tabs), with values full of quotes, backslashes, <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and
/// non-ASCII text. Every patch must apply with kube-apiserver's json-patch (RuleHarness.MutateAndApplyAsync), be
/// idempotent, change only the provider and the socket, and leave a config the validator accepts.
/// </summary>
public sealed class NadMutationPropertyTests
{
    private const int Iterations = 300;

    private static readonly RuleHarness<NetworkAttachmentDefinition> Harness = NadHarness(ClusterOf(Subnet("attach-subnet", "attachnet.default.ovn")));

    private static readonly string?[] Providers = [null, "", "attachnet.default", "ATTACHNET.DEFAULT.OVN", "attachnet.default.ovn"];

    // Whole characters (an emoji is two UTF-16 units; half of one is not text anyone writes).
    private static readonly string[] Pieces = ["a", "b", " ", "<", ">", "&", "\"", "\\", "/", "'", "é", "中文", "😀", "\t", "\n", "\u2028"];

    private static readonly Gen<string> Text = Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 12].Select(string.Concat);

    /// <summary>One config: its fields in order, and how it is laid out.</summary>
    public sealed record Config(string? Provider, bool Socket, string Note, string Key, int Layout)
    {
        public JsonObject Fields()
        {
            var fields = new JsonObject { ["cniVersion"] = "0.3.1", ["type"] = "kube-ovn" };
            if (Socket)
            {
                fields["server_socket"] = Socket ? KubeOvnObjects.Socket : null;
            }
            if (Provider is not null)
            {
                fields["provider"] = Provider;
            }
            fields["note"] = Note;
            fields[$"x-{Key}"] = new JsonArray("<&>", Note);
            return fields;
        }

        /// <summary>The config text: compact, or indented like a YAML <c>|</c> block (4 spaces or a tab per level).</summary>
        public string Text()
        {
            var compact = JsonText.ToJson(Fields());
            if (Layout == 0)
            {
                return compact;
            }
            var indent = Layout == 1 ? "    " : "\t";
            var builder = new StringBuilder("{\n");
            var members = Fields().ToList();
            for (var i = 0; i < members.Count; i++)
            {
                builder.Append(indent).Append(JsonText.ToJson(JsonValue.Create(members[i].Key))).Append(": ")
                    .Append(JsonText.ToJson(members[i].Value)).Append(i + 1 < members.Count ? ",\n" : "\n");
            }
            return builder.Append("}\n").ToString();
        }
    }

    private static readonly Gen<Config> Configs =
        Gen.Select(Gen.Int[0, Providers.Length - 1], Gen.Bool, Text, Text, Gen.Int[0, 2],
            (provider, socket, note, key, layout) => new Config(Providers[provider], socket, note, key, layout));

    [Fact]
    public async Task Every_repair_applies_in_the_api_server_and_changes_only_provider_and_socket()
    {
        var repaired = 0;
        await Configs.SampleAsync(async config =>
        {
            var text = config.Text();
            var (operations, codes, patched) = await Harness.MutateAndApplyAsync(
                RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", Nad("attachnet", text), null));
            var expectRepair = config.Provider != "attachnet.default.ovn" || !config.Socket;
            Assert.Equal(expectRepair, operations.Count > 0);
            if (operations.Count == 0)
            {
                return;
            }
            repaired++;
            var expected = config.Fields();
            expected["provider"] = "attachnet.default.ovn";
            expected["server_socket"] = Socket;
            var after = JsonNode.Parse(patched!["spec"]!["config"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(expected, after), $"patched config {after?.ToJsonString()}");
            Assert.Equal([.. (config.Provider == "attachnet.default.ovn" ? [] : new[] { "NadProviderMismatch" }),
                .. (config.Socket ? [] : new[] { "NadServerSocketMissing" })], codes);
            DecisionAssert.Allowed(await Harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", patched, null)));
        }, iter: Iterations, threads: 1, print: config => $"{config} text {config.Text()}");
        Assert.True(repaired > Iterations / 2, $"only {repaired} of {Iterations} configs needed a repair");
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Http;

/// <summary>
/// Hostile reviews through the real HTTPS pipeline, on all six endpoints: a valid review per endpoint, mutated by
/// CsCheck (members replaced by values of other types, removed, duplicated, grown huge; duplicate keys, lone
/// surrogates and invalid UTF-8 in the text; truncated and oversized bodies). Whatever arrives: never a 500; a 200
/// echoes the uid it was sent; a patch applies to the object it was sent with, by the API server's own json-patch
/// library (tests/jsonpatch-go); the patched object reviewed again yields no patch. Bounded in count (a few seconds on two
/// cores) so it runs in every test run.
/// </summary>
public sealed class WebhookFuzzTests : IClassFixture<WebhookFuzzTests.Server>
{
    private const int Iterations = 400;
    private const string Marker = "@@FUZZ@@";

    private static readonly JsonNode?[] Values =
    [
        null, true, false, 0, -1, 1.5, 1e308, JsonNode.Parse("9007199254740993"), "", "x", "-", "a..b", "10.0.0.0/8", "ä中\u0000",
        new JsonArray(), new JsonObject(), new JsonArray((JsonNode?)null), new JsonArray(1, "a", null),
        new JsonObject { ["name"] = null }, new JsonObject { ["name"] = "defaultnetwork" }, new JsonObject { ["name"] = "hot1", ["bridge"] = new JsonObject() },
        new string('h', 100_000),
    ];

    private readonly HttpClient _client;

    public WebhookFuzzTests(Server server) => _client = server.Client;

    private static readonly (string Path, JsonObject Review)[] Seeds =
    [
        ("/validate-kubevirt-io-v1-virtualmachine", VmSeed()),
        ("/mutate-kubevirt-io-v1-virtualmachine", VmSeed()),
        ("/validate-k8s-cni-cncf-io-v1-networkattachmentdefinition", NadSeed()),
        ("/mutate-k8s-cni-cncf-io-v1-networkattachmentdefinition", NadSeed()),
        ("/validate-kubeovn-io-v1-subnet", SubnetSeed()),
        ("/mutate-kubeovn-io-v1-subnet", SubnetSeed()),
    ];

    [Fact]
    public async Task Mutated_reviews_never_get_a_500_and_every_patch_applies_once()
    {
        var gen = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 40], Gen.Int[0, 1 << 20], Gen.Int[0, Values.Length - 1]);
        await gen.SampleAsync(async (seed, kind, where, value) =>
        {
            var (path, review) = Seeds[seed];
            var (body, sent) = Mutate((JsonObject)review.DeepClone(), kind, where, Values[value]);
            await AssertAnsweredAsync(path, body, sent);
        }, iter: Iterations, threads: 2);
    }

    [Fact]
    public async Task Unmutated_seeds_are_answered_and_the_mutating_ones_patch()
    {
        foreach (var (path, review) in Seeds)
        {
            var (status, body) = await PostAsync(path, Utf8(review));
            Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
            if (path.StartsWith("/mutate", StringComparison.Ordinal))
            {
                Assert.NotNull(ParseResponse(body).Patch);
            }
            await AssertAnsweredAsync(path, Utf8(review), review);
        }
    }

    private async Task AssertAnsweredAsync(string path, byte[] body, JsonObject? sent)
    {
        var (status, answer) = await PostAsync(path, body);
        // 413 above the body cap, 503 above the memory budget (the failurePolicy decides).
        Assert.True((int)status is 200 or 400 or 413 || (status == HttpStatusCode.ServiceUnavailable && answer.Contains("memory budget", StringComparison.Ordinal)),
            $"{path} answered {(int)status}: {answer}");
        if (status != HttpStatusCode.OK)
        {
            return;
        }
        var response = ParseResponse(answer);
        // A 200 means the envelope was read, so the uid sent is the uid echoed.
        Assert.Equal(sent?["request"]?["uid"]?.GetValue<string>(), response.Uid);
        if (response.Patch is not { } patchBytes)
        {
            return;
        }
        // Applied with the API server's own library (evanphx/json-patch, tests/jsonpatch-go), to the bytes sent.
        var sentObject = sent!["request"]!["object"]!;
        var patchText = Encoding.UTF8.GetString(patchBytes.ToArray());
        var (patched, error) = ApiServerJsonPatch.Apply(sentObject, patchText);
        if (error is not null)
        {
            // The library applies to the object as Go re-encodes it (as the API server stores it). A fuzzed object
            // that is not in that form (a number Go rewrites, say) is one no API server sends: only then may it refuse.
            var stored = ApiServerJsonPatch.StoredForm(sentObject);
            Assert.True(GoJson(stored) != GoJson(sentObject), $"kube-apiserver's json-patch refuses the patch: {error}\npatch: {patchText}");
            patched = JsonPatchApplier.Apply(sentObject, JsonPatchSerializer.Parse(patchText));
        }
        var again = (JsonObject)sent.DeepClone();
        again["request"]!["object"] = patched?.DeepClone();
        var (againStatus, againAnswer) = await PostAsync(path, Utf8(again));
        Assert.True(againStatus == HttpStatusCode.OK, $"re-mutating answered {(int)againStatus}: {againAnswer}");
        Assert.Null(ParseResponse(againAnswer).Patch);
    }

    private async Task<(HttpStatusCode, string)> PostAsync(string path, byte[] body)
    {
        // Expect: 100-continue lets the client hear an early 413 instead of pushing 7 MiB into a closing socket.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static AdmissionResponse ParseResponse(string answer) =>
        JsonSerializer.Deserialize(answer, AdmissionJsonContext.Default.AdmissionReview)!.Response!;

    /// <summary>
    /// The body to send and, when it is still a readable AdmissionReview, the JSON it holds. <paramref name="where"/>
    /// picks the member or element; <paramref name="kind"/> the damage.
    /// </summary>
    private static (byte[] Body, JsonObject? Sent) Mutate(JsonObject review, int kind, int where, JsonNode? value)
    {
        var locations = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(review, locations);
        var (parent, key, index) = locations[where % locations.Count];
        switch (kind)
        {
            case <= 11:
                Set(parent, key, index, value?.DeepClone());
                return (Utf8(review), review);
            case <= 15:
                if (parent is JsonObject obj)
                {
                    obj.Remove(key!);
                }
                else
                {
                    ((JsonArray)parent).RemoveAt(index);
                }
                return (Utf8(review), review);
            case <= 19:
                // Duplicate elements (duplicate names, MACs, interfaces), sometimes many of them.
                if (parent is JsonArray array && array[index] is { } element)
                {
                    var copies = kind == 19 ? 2000 : 1;
                    for (var i = 0; i < copies; i++)
                    {
                        array.Add(element.DeepClone());
                    }
                }
                return (Utf8(review), review);
            case <= 22:
                // Text damage at a string the pipeline may or may not read.
                Set(parent, key, index, Marker);
                var text = GoJson(review);
                return kind switch
                {
                    20 => (Utf8(text.Replace(Marker, "\\ud800", StringComparison.Ordinal)), null),
                    21 => (Utf8(text.Replace(Marker, "a\\udc00\\ud800", StringComparison.Ordinal)), null),
                    _ => (InvalidUtf8(text), null),
                };
            case <= 25:
                // A duplicate key in some object of the text.
                var json = GoJson(review);
                var braces = Enumerable.Range(0, json.Length).Where(i => json[i] == '{').ToList();
                var at = braces[where % braces.Count] + 1;
                return (Utf8(json.Insert(at, "\"name\":\"a\",\"name\":\"b\"" + (json[at] == '}' ? string.Empty : ","))), null);
            case <= 28:
                var whole = GoJson(review);
                return (Utf8(whole[..(where % whole.Length)]), null);
            case <= 31:
                // The envelope itself replaced by another JSON type.
                return (Utf8(value?.ToJsonString() ?? "null"), null);
            case 32:
                // Over the 7 MiB cap.
                Set(parent, key, index, new string('o', 7 * 1024 * 1024));
                return (Utf8(review), review);
            default:
                // Object content left alone, request fields type-confused.
                var request = review["request"]!.AsObject();
                var names = request.Select(p => p.Key).ToList();
                request[names[where % names.Count]] = value?.DeepClone();
                return (Utf8(review), review);
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Key, int Index)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    into.Add((obj, name, -1));
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    into.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, into);
                    }
                }
                break;
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }

    // The API server sends what Go's encoding/json writes; so does this test, so that a patch's test values (copied
    // from the request's bytes) meet the same bytes in the API server's library.
    private static string GoJson(JsonNode node) => JsonText.ToJson(node, JsonEscaping.Go);

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(GoJson(node));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] InvalidUtf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var marker = Encoding.UTF8.GetBytes(Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        bytes[at + 2] = 0xFF;
        return bytes;
    }

    private static JsonObject Envelope(string group, string version, string kind, string resource, string operation, JsonNode obj, JsonNode? old) =>
        ReviewClient.Envelope(new JsonObject
        {
            ["uid"] = "fuzz-uid",
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
            ["operation"] = operation,
            ["namespace"] = "default",
            ["name"] = obj["metadata"]?["name"]?.GetValue<string>(),
            ["userInfo"] = new JsonObject { ["username"] = "alice", ["groups"] = new JsonArray("system:authenticated") },
            ["object"] = obj,
            ["oldObject"] = old,
            ["dryRun"] = false,
        });

    /// <summary>A running VM that hot-plugs an interface without binding (mutation adds bridge) and removes a plugged one.</summary>
    private static JsonObject VmSeed()
    {
        JsonObject old = Vm([DefaultIface, Bridge("plugged1", ",\"macAddress\":\"02:00:00:00:00:01\"")], [DefaultNet, Multus("plugged1")]);
        JsonObject current = Vm([DefaultIface, """{"name":"hot1"}"""], [DefaultNet, Multus("hot1")]);
        return Envelope("kubevirt.io", "v1", "VirtualMachine", "virtualmachines", "UPDATE", current, old);
    }

    /// <summary>A Kube-OVN NAD without server_socket and provider (mutation fills both).</summary>
    private static JsonObject NadSeed() => Envelope("k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition", "network-attachment-definitions", "CREATE",
        JsonNode.Parse("""
            {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"attachnet","namespace":"default"},
             "spec":{"config":"{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"ipam\":{\"type\":\"kube-ovn\"}}"}}
            """)!, null);

    /// <summary>A Subnet whose provider's suffix disagrees with its NAD's flavour (mutation repairs it).</summary>
    private static JsonObject SubnetSeed() => Envelope("kubeovn.io", "v1", "Subnet", "subnets", "CREATE",
        JsonNode.Parse("""
            {"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"fuzz"},
             "spec":{"protocol":"IPv4","provider":"attachnet.default","cidrBlock":"172.30.0.0/16","gateway":"172.30.0.1",
                     "excludeIps":["172.30.0.1..172.30.0.10"],"vpc":"ovn-cluster"}}
            """)!, null);

    /// <summary>The webhook reading the shipped examples as its cluster.</summary>
    public sealed class Server : IDisposable
    {
        private readonly TestPki _pki = new();
        private readonly WebhookServer _webhook;

        public Server()
        {
            _webhook = new WebhookServer(_pki, RepositoryPaths.Examples);
            Client = _webhook.CreateTlsClient();
        }

        public HttpClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            _webhook.Dispose();
            _pki.Dispose();
        }
    }
}

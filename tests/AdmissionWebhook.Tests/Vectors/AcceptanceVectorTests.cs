using System.Text;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>
/// Every case of ../shared/vectors through the real HTTPS endpoints, in the API server's order: mutate, apply the
/// patch with the strict applier, validate the patched object, compare with <c>expect</c>.
/// </summary>
public sealed class AcceptanceVectorTests : IClassFixture<AcceptanceVectorTests.Server>
{
    private readonly Server _server;

    public AcceptanceVectorTests(Server server) => _server = server;

    public static TheoryData<string> Vectors => [.. AcceptanceVector.Names()];

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Vector_passes_through_the_endpoints(string name)
    {
        var vector = AcceptanceVector.Load(name);
        Exception? failure = null;
        try
        {
            await RunAsync(vector);
        }
        catch (Exception e) when (e is XunitException or JsonPatchException)
        {
            failure = e;
        }

        if (KnownFailures.Contains(name))
        {
            Assert.True(failure is not null, $"{name} passes now: remove it from Vectors/known-failures.txt");
            return;
        }
        if (failure is not null)
        {
            throw failure;
        }
    }

    [Fact]
    public void Known_failures_name_only_existing_vectors()
    {
        var names = AcceptanceVector.Names().ToHashSet(StringComparer.Ordinal);
        var stale = KnownFailures.All.Where(listed => !names.Contains(listed)).ToList();
        Assert.True(stale.Count == 0, $"known-failures.txt names missing vectors: {string.Join(", ", stale)}");
        Assert.True(names.Count >= 40, $"expected the shared vectors, found {names.Count} in {RepositoryPaths.Vectors}");
    }

    private async Task RunAsync(AcceptanceVector vector)
    {
        _server.Cluster.Snapshot = vector.Cluster;
        var client = _server.Client;
        var resource = vector.Resource switch
        {
            "virtualmachines" => "kubevirt-io-v1-virtualmachine",
            "network-attachment-definitions" => "k8s-cni-cncf-io-v1-networkattachmentdefinition",
            _ => "kubeovn-io-v1-subnet",
        };

        var mutate = await ReviewClient.ReviewAsync(client, $"/mutate-{resource}", ReviewClient.Envelope(vector.Request));
        Assert.True(mutate.Allowed, $"the mutating webhook refused: {mutate.Status?.Message}");
        var request = (JsonObject)vector.Request.DeepClone();
        if (mutate.Patch is { } patchBytes)
        {
            Assert.Equal(AdmissionResponses.JsonPatchType, mutate.PatchType);
            var operations = JsonPatchSerializer.Parse(Encoding.UTF8.GetString(patchBytes));
            request["object"] = JsonPatchApplier.Apply(request["object"], operations);
        }
        else
        {
            Assert.Null(mutate.PatchType);
        }
        AssertPatch(vector, mutate, request["object"]);

        var validate = await ReviewClient.ReviewAsync(client, $"/validate-{resource}", ReviewClient.Envelope(request));
        Assert.Null(validate.Patch);
        Assert.Null(validate.PatchType);
        var causes = validate.Status?.Details?.Causes.Select(c => c.Reason).ToHashSet() ?? [];
        Assert.True(vector.ExpectAllowed == validate.Allowed,
            $"expected allowed={vector.ExpectAllowed}, got {validate.Allowed}: {validate.Status?.Message} warnings: {string.Join(" | ", validate.Warnings ?? [])}");
        foreach (var code in vector.DenyCodes)
        {
            Assert.True(causes.Contains(code), $"denial lacks {code}: {validate.Status?.Message}");
        }
        if (!validate.Allowed)
        {
            Assert.Equal(422, validate.Status!.Code);
            Assert.Equal("Invalid", validate.Status.Reason);
        }
        var warnings = (mutate.Warnings ?? []).Concat(validate.Warnings ?? []).ToList();
        foreach (var code in vector.WarnCodes)
        {
            Assert.True(warnings.Any(w => w.StartsWith(code + ":", StringComparison.Ordinal)), $"no {code} warning among [{string.Join(" | ", warnings)}]");
        }
    }

    private static void AssertPatch(AcceptanceVector vector, AdmissionResponse mutate, JsonNode? patched)
    {
        if (vector.ExpectedPatch is null)
        {
            Assert.True(mutate.Patch is null, "expected no patch");
            return;
        }
        Assert.True(mutate.Patch is not null, "expected a patch");
        foreach (var (pointer, expected) in vector.ExpectedPatch)
        {
            var actual = JsonPatchApplier.Resolve(patched, JsonPointer.Parse(pointer));
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{pointer}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");
        }
        if (vector.ExpectedPatchedConfig is { } configExpectations)
        {
            var config = JsonNode.Parse(patched!["spec"]!["config"]!.GetValue<string>());
            foreach (var (pointer, expected) in configExpectations)
            {
                var actual = JsonPatchApplier.Resolve(config, JsonPointer.Parse(pointer));
                Assert.True(JsonNode.DeepEquals(expected, actual), $"config {pointer}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");
            }
        }
    }

    /// <summary>One webhook for all vectors; each vector swaps in its own cluster.</summary>
    public sealed class Server : IDisposable
    {
        private readonly TestPki _pki = new();
        private readonly WebhookServer _webhook;

        public Server()
        {
            _webhook = new WebhookServer(_pki, RepositoryPaths.Examples);
            Client = CreateClient();
        }

        public SwappableClusterSource Cluster { get; } = new();

        public HttpClient Client { get; }

        private HttpClient CreateClient()
        {
            _webhook.ConfigureServices = services => services.AddSingleton<IClusterSource>(Cluster);
            return _webhook.CreateTlsClient();
        }

        public void Dispose()
        {
            Client.Dispose();
            _webhook.Dispose();
            _pki.Dispose();
        }
    }
}

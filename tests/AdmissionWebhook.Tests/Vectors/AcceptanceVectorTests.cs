using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>
/// Every case of Vectors/cases through the real HTTPS endpoints, in the API server's order: mutate, apply the patch
/// with kube-apiserver's json-patch library, validate the patched object, compare with <c>expect</c> (<see cref="VectorRunner"/>).
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
        Assert.True(names.Count >= 40, $"expected the acceptance vectors, found {names.Count} in {RepositoryPaths.Vectors}");
    }

    private async Task RunAsync(AcceptanceVector vector)
    {
        _server.Cluster.Snapshot = vector.Cluster;
        await VectorRunner.RunAsync(_server.Client, vector);
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

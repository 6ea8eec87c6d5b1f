using System.Net;
using AdmissionWebhook.Tests.Cluster;
using AdmissionWebhook.Tests.Offline;
using AdmissionWebhook.Tests.TestSupport;
using AdmissionWebhook.Tests.Vectors;

namespace AdmissionWebhook.Tests.Published;

/// <summary>
/// The published Native AOT binary behaves as the JIT build the other tests run: every acceptance vector through its
/// real HTTPS endpoints (the vector files' expectations are the oracle, as in <see cref="AcceptanceVectorTests"/>), the
/// manifests and live-cluster modes, and the offline commands printing what the JIT build prints. The binary is the one
/// this run's Dockerfile build stage published, or the folder <see cref="PublishedBinary.Variable"/> names.
/// </summary>
public sealed class PublishedBinaryTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("published-");

    public static TheoryData<string> Vectors => [.. AcceptanceVector.Names()];

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Vector_passes_through_the_published_binarys_endpoints(string name)
    {
        _ = PublishedBinary.Executable;
        var vector = AcceptanceVector.Load(name);
        // Manifests mode: the vector's cluster is the folder the binary serves from.
        var cluster = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "cluster"));
        for (var i = 0; i < vector.ClusterObjects.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(cluster.FullName, $"{i:D3}.json"), vector.ClusterObjects[i]!.ToJsonString(), TestContext.Current.CancellationToken);
        }
        await using var server = await PublishedBinary.ServeAsync(_pki, "--manifests", cluster.FullName);

        Exception? failure = null;
        try
        {
            await VectorRunner.RunAsync(server.Client, vector);
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or AdmissionWebhook.Patching.JsonPatchException)
        {
            failure = e;
        }
        // The same verdict as the JIT build: a known failure fails here too.
        Assert.True(KnownFailures.Contains(name) == (failure is not null), failure?.ToString() ?? $"{name} passes now but is listed as a known failure");
    }

    [Fact]
    public async Task Version_is_the_one_the_build_set()
    {
        var result = await PublishedBinary.RunAsync("--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"AdmissionWebhook {typeof(WebhookOptions).Assembly.GetName().Version!.ToString(3)}\n", result.Out);
    }

    [Fact]
    public async Task Runs_with_the_gc_modes_of_the_csproj_and_exports_the_runtime_meter()
    {
        // The GC modes compiled into the binary (ServerGarbageCollection, ConcurrentGarbageCollection), as the runtime
        // applied them, with the image's environment: Native AOT reads GC settings through its own configuration path.
        var environment = Deployment.RuntimeSettingsTests.ImageEnvironment();
        await using var server = await PublishedBinary.ServeAsync(_pki, environment, "--manifests", RepositoryPaths.Examples);

        using var response = await server.Client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var settings = text.Split('\n').SingleOrDefault(l => l.StartsWith("admission_webhook_gc_settings{", StringComparison.Ordinal));
        Assert.True(settings is not null, text);
        Assert.Contains("server=\"false\"", settings, StringComparison.Ordinal);
        Assert.Contains("concurrent=\"false\"", settings, StringComparison.Ordinal);
        // The runtime's own meter is exported by the AOT build too: collections per generation and bytes allocated, which
        // show the gen0 budget of the image's DOTNET_GCgen0size in force (README, Performance).
        Assert.Contains("dotnet_gc_collections_total{", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint", "text")]
    [InlineData("lint", "json")]
    [InlineData("lint", "sarif")]
    public async Task Lint_prints_what_the_jit_build_prints(string command, string format)
    {
        string[] args = [command, "--format", format, RepositoryPaths.Examples, CliRunner.Fixtures];
        await AssertPrintsWhatTheJitBuildPrintsAsync(args);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Review_prints_what_the_jit_build_prints(string format)
    {
        // The example VM created against the example cluster: the mutating and validating answers with their patch.
        string[] args = ["review", "--format", format, "--uid", "00000000-0000-0000-0000-000000000001", "--new", Path.Combine(RepositoryPaths.Examples, "vm-fedora.yaml"), "--cluster", RepositoryPaths.Examples];
        await AssertPrintsWhatTheJitBuildPrintsAsync(args);
    }

    /// <summary>The published binary and the JIT build, given the same offline command, exit alike and print the same bytes.</summary>
    private static async Task AssertPrintsWhatTheJitBuildPrintsAsync(string[] args)
    {
        var published = await PublishedBinary.RunAsync(args);
        var jit = await CliRunner.RunAsync(args);

        Assert.Equal(jit.ExitCode, published.ExitCode);
        Assert.Equal(jit.Out, published.Out);
        Assert.NotEmpty(jit.Out);
    }

    [Fact]
    public async Task Live_cluster_mode_syncs_from_the_api_server_and_reviews_from_its_objects()
    {
        _ = PublishedBinary.Executable;
        using var api = new FakeApiServer();
        var vector = AcceptanceVector.Load("kubevirt/01-hotplug-bridge.json");
        var nads = vector.ClusterObjects.OfType<System.Text.Json.Nodes.JsonObject>().Where(o => (string?)o["kind"] == "NetworkAttachmentDefinition").Select(o => o.DeepClone().AsObject()).ToArray();
        var subnets = vector.ClusterObjects.OfType<System.Text.Json.Nodes.JsonObject>().Where(o => (string?)o["kind"] == "Subnet").Select(o => o.DeepClone().AsObject()).ToArray();
        api.QueueList(FakeApiServer.NadPath, FakeResponse.List("10", null, nads));
        api.QueueList(FakeApiServer.SubnetPath, FakeResponse.List("20", null, subnets));
        var kubeconfig = api.WriteKubeconfig(_scratch.FullName);

        await using var server = await PublishedBinary.ServeAsync(_pki, "--kubeconfig", kubeconfig);

        // Ready only once both caches listed through the AOT build of KubernetesClient (token, list, then watch).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await server.Client.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz did not answer 200 within 60 s of listening");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await Eventually.HoldsAsync(() => api.Requests(FakeApiServer.NadPath, watch: true).Count > 0, "the NAD watch");
        Assert.All(api.Received, r => Assert.Equal($"Bearer {FakeApiServer.Token}", r.Headers!["Authorization"][0]));
        await VectorRunner.RunAsync(server.Client, vector);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _scratch.Delete(recursive: true);
    }
}

using AdmissionWebhook.Cluster;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.Cluster;

namespace AdmissionWebhook.Tests.Http;

public sealed class ManifestClusterSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("manifests-").FullName;

    private const string Nad = """
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: attachnet, namespace: default}
        spec: {config: '{"type":"kube-ovn","provider":"attachnet.default.ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock"}'}
        """;

    private readonly RecordingLogger<ManifestClusterSource> _log = new();

    /// <summary>ClusterViewReloadFailed: the source tried the bad edit and kept its view.</summary>
    private const int ReloadFailed = 21;

    private ManifestClusterSource Create() =>
        new(_directory, TimeSpan.FromSeconds(30), _log, TimeProvider.System);

    [Fact]
    public void Malformed_file_fails_start_up_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_directory, "broken.yaml"), "a: [1, 2");

        var error = Assert.Throws<ManifestException>(Create);

        Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picks_up_new_files_and_keeps_the_last_good_view_on_a_bad_edit()
    {
        using var source = Create();
        Assert.Null(await source.FindNadAsync(new NamespacedName("default", "attachnet"), TestContext.Current.CancellationToken));

        File.WriteAllText(Path.Combine(_directory, "nad.yaml"), Nad);
        await WaitUntilAsync(async () => await source.FindNadAsync(new NamespacedName("default", "attachnet"), TestContext.Current.CancellationToken) is not null);

        File.WriteAllText(Path.Combine(_directory, "nad.yaml"), "a: [1, 2");
        // Wait for the reload attempt itself (its failure is logged), so "kept" is checked after it, not before it.
        await WaitUntilAsync(() => Task.FromResult(_log.Entries.Any(e => e.EventId == ReloadFailed)));
        Assert.NotNull(await source.FindNadAsync(new NamespacedName("default", "attachnet"), TestContext.Current.CancellationToken));
        Assert.True(source.IsSynced);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 60 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

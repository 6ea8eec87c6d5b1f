using AdmissionWebhook.Tests.Cluster;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Cluster.FakeApiServer;

namespace AdmissionWebhook.Tests.Offline;

/// <summary><c>lint --kubeconfig</c>: the live cluster (a fake API server) answers what the manifests do not.</summary>
public sealed class LintLiveClusterTests
{
    [Fact]
    public async Task Live_cluster_supplies_the_subnet_the_manifests_lack()
    {
        var nad = Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml");
        using var api = new FakeApiServer();
        api.QueueList(NadPath, FakeResponse.List("10", null));
        api.QueueList(SubnetPath, FakeResponse.List("20", null, ClusterObjects.Subnet("attachnet", "attachnet.default.ovn", "6")));
        var folder = Directory.CreateTempSubdirectory("lint-kubeconfig-");
        try
        {
            var kubeconfig = api.WriteKubeconfig(folder.FullName);

            var alone = await CliRunner.RunAsync(["lint", nad]);
            var withCluster = await CliRunner.RunAsync(["lint", "--kubeconfig", kubeconfig, nad]);

            Assert.Contains("NadWithoutSubnet", alone.Out, StringComparison.Ordinal);
            Assert.True(withCluster.ExitCode == 0, withCluster.ToString());
            Assert.Contains("1 object(s) checked: 0 denied, 0 error(s), 0 fixable, 0 warning(s)", withCluster.Out, StringComparison.Ordinal);
            Assert.NotEmpty(api.Requests(SubnetPath, watch: false));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Manifests_win_over_the_live_cluster()
    {
        // Live, attachnet is an IPAM-flavour NAD, so a Subnet provider with ".ovn" does not fit it; the manifests
        // hold the OVN-flavour attachnet of the seed, which it fits. The manifests' version is the one linted against.
        var subnet = Path.Combine(RepositoryPaths.Examples, "attachnet-subnet.yaml");
        var nad = Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml");
        var ipamNad = ClusterObjects.Nad("default", "attachnet", "5");
        ipamNad["spec"]!["config"] = """{"cniVersion": "0.3.0", "type": "macvlan", "master": "eth0", "ipam": {"type": "kube-ovn", "server_socket": "/run/openvswitch/kube-ovn-daemon.sock", "provider": "attachnet.default"}}""";
        using var api = new FakeApiServer();
        api.QueueList(NadPath, FakeResponse.List("10", null, ipamNad));
        api.QueueList(SubnetPath, FakeResponse.List("20", null));
        var folder = Directory.CreateTempSubdirectory("lint-kubeconfig-");
        try
        {
            var kubeconfig = api.WriteKubeconfig(folder.FullName);

            var liveNad = await CliRunner.RunAsync(["lint", "--kubeconfig", kubeconfig, subnet]);
            var manifestNad = await CliRunner.RunAsync(["lint", "--kubeconfig", kubeconfig, subnet, nad]);

            Assert.True(liveNad.ExitCode == 1 && liveNad.Out.Contains("SubnetProviderFlavourMismatch", StringComparison.Ordinal), liveNad.ToString());
            Assert.True(manifestNad.ExitCode == 0, manifestNad.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

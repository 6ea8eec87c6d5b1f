using AdmissionWebhook.Manifests;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Manifests;

public sealed class ClusterManifestsTests
{
    [Fact]
    public void The_examples_folder_holds_the_seed_NAD_and_Subnet()
    {
        var cluster = ClusterManifests.ToSnapshot(ManifestReader.ReadDirectory(RepositoryPaths.Examples));

        var nad = cluster.FindNad(new NamespacedName("default", "attachnet"));
        Assert.NotNull(nad);
        Assert.Equal(CniFlavour.Ovn, nad.Flavour);
        Assert.Equal("attachnet.default.ovn", nad.Provider);
        Assert.Equal("attachnet", Assert.Single(cluster.FindSubnetsByProvider("attachnet.default.ovn")).Name);
    }

    [Fact]
    public void Other_kinds_are_ignored_and_namespaced_objects_default_to_default()
    {
        var cluster = ClusterBuilder.FromYaml("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: n}
            spec: {config: '{"type":"macvlan","ipam":{"type":"kube-ovn","provider":"n.default"}}'}
            """);

        Assert.Equal(1, cluster.NadCount);
        Assert.Equal(CniFlavour.Ipam, cluster.FindNad(new NamespacedName("default", "n"))!.Flavour);
        Assert.Equal(0, cluster.SubnetCount);
    }
}

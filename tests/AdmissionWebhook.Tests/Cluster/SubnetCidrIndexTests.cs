using System.Text.Json;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Cluster.Kubernetes;
using AdmissionWebhook.Offline;
using CsCheck;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>
/// The CIDR index answers exactly what the linear scan over every Subnet answers, whether built in one pass, grown
/// and shrunk event by event, or kept by the live cache and the offline view.
/// </summary>
public sealed class SubnetCidrIndexTests
{
    private static readonly string[] Providers = ["", "ovn", "a.ns.ovn", "a.ns"];

    // Small address spaces and prefix lengths clustered where the varying bits are, so random networks nest (often
    // one bit apart), repeat and overlap; host bits are set on purpose.
    private static readonly Gen<string> V4 = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3], Gen.Int[0, 255],
        Gen.OneOf(Gen.Int[6, 31], Gen.Int[21, 25], Gen.Int[28, 31]),
        (a, b, c, prefix) => $"10.{a}.{b}.{c}/{prefix}");

    private static readonly Gen<string> V6 = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3],
        Gen.OneOf(Gen.Int[8, 127], Gen.Int[44, 48], Gen.Int[124, 127]),
        (a, b, c, prefix) => $"fd00:{a:x}:{b:x}::{c:x}/{prefix}");

    private static readonly Gen<string> Cidr = Gen.OneOf(
        V4, V6, Gen.Select(V4, V6, (v4, v6) => $"{v4},{v6}"), Gen.Const("10.0.0.0"), Gen.Const("not a cidr"));

    private static readonly Gen<(string Cidr, string Provider, string? Vpc, string? Vlan)> Spec = Gen.Select(
        Cidr, Gen.Int[0, Providers.Length - 1], Gen.Bool, Gen.Bool,
        (cidr, provider, vpc, vlan) => (cidr, Providers[provider], vpc ? "vpc1" : null, vlan ? "vlan1" : null));

    private static readonly Gen<SubnetInfo[]> Clusters = Spec.Array[0, 40].Select(specs =>
        specs.Select((spec, i) => Subnet($"s{i}", spec.Cidr, spec.Provider, spec.Vpc, spec.Vlan)).ToArray());

    private static readonly Gen<SubnetInfo> Queries = Spec.Select(spec => Subnet("query", spec.Cidr, spec.Provider, spec.Vpc, spec.Vlan));

    [Fact]
    public void A_built_index_answers_what_the_scan_answers() =>
        Gen.Select(Clusters, Queries).Sample(input =>
        {
            var (cluster, query) = input;
            Assert.Equal(Names(SubnetCidrIndex.Scan(cluster, query)), Names(SubnetCidrIndex.Build(cluster).FindOverlapping(query)));
        }, iter: 2000);

    [Fact]
    public void An_index_kept_event_by_event_answers_what_the_scan_answers() =>
        Gen.Select(Clusters, Spec.Array[40], Gen.Int[0, 2].Array[40], Queries).Sample(input =>
        {
            var (cluster, changes, actions, query) = input;
            var index = SubnetCidrIndex.Empty;
            foreach (var subnet in cluster)
            {
                index = index.Add(subnet);
            }
            // Each Subnet stays, is removed, or is replaced by a changed version (new CIDR and scope), as watch events do.
            var live = new List<SubnetInfo>();
            for (var i = 0; i < cluster.Length; i++)
            {
                if (actions[i] == 0)
                {
                    live.Add(cluster[i]);
                    continue;
                }
                index = index.Remove(cluster[i]);
                if (actions[i] == 2)
                {
                    var changed = Subnet(cluster[i].Name, changes[i].Cidr, changes[i].Provider, changes[i].Vpc, changes[i].Vlan);
                    index = index.Add(changed);
                    live.Add(changed);
                }
            }
            Assert.Equal(Names(SubnetCidrIndex.Scan(live, query)), Names(index.FindOverlapping(query)));
        }, iter: 2000);

    [Fact]
    public void The_snapshot_answers_overlaps_in_the_query_scope_only_each_subnet_once()
    {
        var snapshot = new ClusterSnapshot([],
        [
            Subnet("wide", "10.0.0.0/8", "ovn"),
            Subnet("inside", "10.1.2.0/24", "ovn"),
            Subnet("dual", "10.1.0.0/16,fd00::/64", "ovn"),
            Subnet("elsewhere", "10.1.2.0/24", "ovn", vpc: "vpc1"),
            Subnet("apart", "192.168.0.0/24", "ovn"),
        ]);

        Assert.Equal(["dual", "inside", "wide"], Names(snapshot.FindOverlappingSubnets(Subnet("new", "10.1.2.128/25,fd00::/48", "ovn"))));
        Assert.Equal(["elsewhere"], Names(snapshot.FindOverlappingSubnets(Subnet("new", "10.0.0.0/8", "ovn", vpc: "vpc1"))));
        Assert.Empty(snapshot.FindOverlappingSubnets(Subnet("new", "172.16.0.0/12", "ovn")));
    }

    [Fact]
    public void The_live_cache_reflects_changes_and_removals()
    {
        var store = new SubnetStore();
        store.Replace([Subnet("s1", "10.0.0.0/16", "ovn"), Subnet("s2", "10.9.0.0/16", "ovn")]);
        var probe = Subnet("new", "10.0.1.0/24", "ovn");
        Assert.Equal(["s1"], Names(store.FindOverlapping(probe)));

        store.Upsert(Subnet("s1", "10.1.0.0/16", "ovn"));
        Assert.Empty(store.FindOverlapping(probe));
        Assert.Equal(["s1"], Names(store.FindOverlapping(Subnet("new", "10.1.0.0/24", "ovn"))));

        store.Upsert(Subnet("s3", "10.0.0.0/8", "ovn"));
        Assert.Equal(["s3"], Names(store.FindOverlapping(probe)));
        store.Upsert(Subnet("s3", "10.0.0.0/8", "ovn", vpc: "vpc1"));
        Assert.Empty(store.FindOverlapping(probe));

        store.Upsert(Subnet("s4", "10.0.0.0/20", "ovn"));
        Assert.Equal(["s4"], Names(store.FindOverlapping(probe)));
        using var deleted = JsonDocument.Parse("""{"metadata":{"name":"s4"}}""");
        store.Remove(deleted.RootElement);
        Assert.Empty(store.FindOverlapping(probe));
    }

    [Fact]
    public void The_offline_view_answers_from_the_manifests_over_the_live_cluster()
    {
        var live = new ClusterSnapshot([], [Subnet("s1", "10.0.0.0/16", "ovn"), Subnet("s2", "10.0.0.0/8", "ovn")]);
        // The manifest's s1 replaces the live one and no longer overlaps; its s3 is new and does.
        var view = new ManifestClusterView(
            new ClusterSnapshot([], [Subnet("s1", "10.5.0.0/16", "ovn"), Subnet("s3", "10.0.0.0/24", "ovn")]), "test", live);

        Assert.Equal(["s2", "s3"], Names(view.FindOverlappingSubnets(Subnet("new", "10.0.0.0/20", "ovn"))));
    }

    private static SubnetInfo Subnet(string name, string cidr, string provider, string? vpc = null, string? vlan = null) =>
        new(name, provider, cidr, null, [], vpc, vlan, null, 0, 0);

    private static string[] Names(IEnumerable<SubnetInfo> subnets) => [.. subnets.Select(s => s.Name).Order(StringComparer.Ordinal)];
}

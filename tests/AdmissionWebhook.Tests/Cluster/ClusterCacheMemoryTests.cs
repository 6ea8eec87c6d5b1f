using System.Text.Json;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Cluster.Kubernetes;
using static AdmissionWebhook.Tests.Cluster.ClusterObjects;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>
/// The managed memory the caches hold for 100,000 NADs and 100,000 Subnets (the figure in docs/cluster-view.md),
/// measured with GC.GetTotalMemory around filling the stores, and that one watch event on a store that size is cheap.
/// </summary>
[Collection(nameof(ClusterCacheMemoryTests))]
public sealed class ClusterCacheMemoryTests
{
    private const int Objects = 100_000;

    [Fact]
    public void Hundred_thousand_nads_and_subnets_stay_small()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (nads, subnets) = Fill();
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var total = after - before;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Objects} NADs + {Objects} Subnets: {total / 1024.0 / 1024.0:F1} MiB managed, {total / (2.0 * Objects):F0} bytes per object");
        Assert.Equal((Objects, Objects), (nads.Count, subnets.Count));
        Assert.True(total < 120L * 1024 * 1024, $"the caches hold {total / 1024 / 1024} MiB for {2 * Objects} objects");
        GC.KeepAlive(nads);
        GC.KeepAlive(subnets);
    }

    [Fact]
    public void A_watch_event_on_a_large_store_does_not_copy_it()
    {
        var store = new SubnetStore();
        store.Replace([.. Enumerable.Range(0, Objects).Select(i =>
            new SubnetInfo($"subnet{i}", "ovn", "10.0.0.0/24", null, [], null, null, null, 0, 0))]);
        // This thread's own allocations (the loop never awaits, so it stays on one thread): other classes running
        // beside it cannot add to the figure, and no wall-clock bound is needed to see that nothing is copied.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            store.Upsert(new SubnetInfo($"subnet{i}", i % 2 == 0 ? "ovn" : "other", "10.0.0.0/24", null, [], null, null, null, 0, 0));
        }

        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1000;
        TestContext.Current.TestOutputHelper?.WriteLine($"{perEvent} bytes allocated per Subnet event on a store of {Objects}");
        // A copy of 100,000 entries would allocate megabytes per event; a path copy in the trees allocates a few KiB.
        Assert.True(perEvent < 64 * 1024, $"{perEvent} bytes allocated per event");
        Assert.Equal(500, store.FindByProvider("other").Count);
        Assert.Equal(Objects - 500, store.FindByProvider("ovn").Count);
    }

    private static (NadStore, SubnetStore) Fill()
    {
        var nadStore = new NadStore();
        var subnetStore = new SubnetStore();
        for (var i = 0; i < Objects; i++)
        {
            var ns = $"ns{i % 1000}";
            nadStore.Upsert(Decode(nadStore, NadJson(ns, $"net{i}")));
            subnetStore.Upsert(Decode(subnetStore, SubnetJson($"subnet{i}", $"net{i}.{ns}.ovn", $"10.{i / 256 % 256}.{i % 256}")));
        }
        return (nadStore, subnetStore);
    }

    private static T Decode<T>(IResourceStore<T> store, string json)
        where T : class
    {
        using var document = JsonDocument.Parse(json);
        return store.Decode(document.RootElement);
    }

    // The shapes of ClusterObjects.Nad and ClusterObjects.Subnet, written as text: building 200,000 JsonObjects
    // would make this test slow for no gain.
    private static string NadJson(string ns, string name) =>
        $$$"""{"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","resourceVersion":"1"},"spec":{"config":"{\"cniVersion\":\"0.3.0\",\"type\":\"kube-ovn\",\"server_socket\":\"{{{Socket}}}\",\"provider\":\"{{{name}}}.{{{ns}}}.ovn\"}"}}""";

    private static string SubnetJson(string name, string provider, string prefix) =>
        $$$"""{"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"{{{name}}}","resourceVersion":"1"},"spec":{"protocol":"IPv4","provider":"{{{provider}}}","cidrBlock":"{{{prefix}}}.0/24","gateway":"{{{prefix}}}.1","excludeIps":["{{{prefix}}}.0..{{{prefix}}}.10"]},"status":{"v4usingIPs":3}}""";
}

/// <summary>
/// GC.GetTotalMemory is process-wide: the collection runs with parallelization disabled, so xunit runs it alone,
/// after the parallel collections, and no other class allocates while it measures.
/// </summary>
[CollectionDefinition(nameof(ClusterCacheMemoryTests), DisableParallelization = true)]
public sealed class ClusterCacheMemoryCollection;

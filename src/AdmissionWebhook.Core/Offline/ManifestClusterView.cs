using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Offline;

/// <summary>
/// The cluster as the offline tools see it: the NADs and Subnets of the manifests given on the command line,
/// optionally over a live cluster that answers what the manifests do not (a manifest wins, as it is the change
/// under review).
/// </summary>
public sealed class ManifestClusterView(ClusterSnapshot manifests, string description, IClusterSource? live = null) : IClusterSource
{
    private ClusterSnapshot _manifests = manifests;

    /// <summary>The manifests' objects; lint swaps in, for each object it checks, the others without it (a CREATE
    /// meets the cluster as it was before the object existed).</summary>
    public ClusterSnapshot Manifests
    {
        get => Volatile.Read(ref _manifests);
        set => Volatile.Write(ref _manifests, value);
    }

    /// <summary>The live cluster below the manifests, if any.</summary>
    public IClusterSource? Live => live;

    public bool IsSynced => live?.IsSynced ?? true;

    public string Description => live is null ? description : $"{description} over {live.Description}";

    public bool TryFindNad(NamespacedName name, out NadInfo? nad)
    {
        nad = Manifests.FindNad(name);
        if (nad is not null || live is null)
        {
            return true;
        }
        return live.TryFindNad(name, out nad);
    }

    public async ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken) =>
        Manifests.FindNad(name) ?? (live is null ? null : await live.FindNadAsync(name, cancellationToken));

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider)
    {
        var local = Manifests.FindSubnetsByProvider(provider);
        if (live is null)
        {
            return local;
        }
        var names = local.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return [.. local, .. live.FindSubnetsByProvider(provider).Where(s => !names.Contains(s.Name) && Manifests.FindSubnet(s.Name) is null)];
    }

    public IReadOnlyCollection<SubnetInfo> AllSubnets()
    {
        if (live is null)
        {
            return Manifests.AllSubnets();
        }
        var local = Manifests.AllSubnets();
        var names = local.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return [.. local, .. live.AllSubnets().Where(s => !names.Contains(s.Name))];
    }

    /// <summary>The manifests' overlaps, then the live cluster's among Subnets the manifests do not replace.</summary>
    public IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet)
    {
        var local = Manifests.FindOverlappingSubnets(subnet);
        if (live is null)
        {
            return local;
        }
        return [.. local, .. live.FindOverlappingSubnets(subnet).Where(s => Manifests.FindSubnet(s.Name) is null)];
    }
}

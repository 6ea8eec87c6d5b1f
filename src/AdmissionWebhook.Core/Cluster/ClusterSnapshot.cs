using System.Collections.Frozen;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>
/// An immutable view of the NADs and Subnets in a cluster, indexed for the rules' questions. Sources build a new
/// snapshot and swap it in whole, so readers never lock and never see half an update.
/// </summary>
public sealed class ClusterSnapshot : IClusterSource
{
    private readonly FrozenDictionary<NamespacedName, NadInfo> _nads;
    private readonly FrozenDictionary<string, SubnetInfo> _subnets;
    private readonly FrozenDictionary<string, SubnetInfo[]> _subnetsByProvider;
    private readonly SubnetCidrIndex _cidrs;

    public ClusterSnapshot(IEnumerable<NadInfo> nads, IEnumerable<SubnetInfo> subnets)
    {
        // Later entries win, as a later manifest or watch event would.
        var nadMap = new Dictionary<NamespacedName, NadInfo>();
        foreach (var nad in nads)
        {
            nadMap[nad.Key] = nad;
        }
        var subnetMap = new Dictionary<string, SubnetInfo>(StringComparer.Ordinal);
        foreach (var subnet in subnets)
        {
            subnetMap[subnet.Name] = subnet;
        }
        _nads = nadMap.ToFrozenDictionary();
        _subnets = subnetMap.ToFrozenDictionary(StringComparer.Ordinal);
        _subnetsByProvider = subnetMap.Values
            .GroupBy(s => s.Provider, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _cidrs = SubnetCidrIndex.Build(subnetMap.Values);
    }

    public static ClusterSnapshot Empty { get; } = new([], []);

    /// <summary>Builds a snapshot from typed objects (manifests, test vectors, list results).</summary>
    public static ClusterSnapshot From(IEnumerable<NetworkAttachmentDefinition> nads, IEnumerable<Subnet> subnets) =>
        new(nads.Select(NadInfo.From), subnets.Select(SubnetInfo.From));

    public IReadOnlyCollection<NadInfo> Nads => _nads.Values;

    /// <summary>A snapshot is complete by construction: it can answer as soon as it exists.</summary>
    public bool IsSynced => true;

    public string Description => $"a snapshot of {NadCount} NetworkAttachmentDefinitions and {SubnetCount} Subnets";

    public int NadCount => _nads.Count;

    public int SubnetCount => _subnets.Count;

    public NadInfo? FindNad(NamespacedName name) => _nads.GetValueOrDefault(name);

    public bool TryFindNad(NamespacedName name, out NadInfo? nad)
    {
        nad = FindNad(name);
        return true;
    }

    public ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken) => ValueTask.FromResult(FindNad(name));

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider) =>
        _subnetsByProvider.TryGetValue(provider, out var found) ? found : [];

    public IReadOnlyCollection<SubnetInfo> AllSubnets() => _subnets.Values;

    public IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet) => _cidrs.FindOverlapping(subnet);

    public SubnetInfo? FindSubnet(string name) => _subnets.GetValueOrDefault(name);
}

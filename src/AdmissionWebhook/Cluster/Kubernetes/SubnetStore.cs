using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// Subnets by name plus an index by provider (each provider's Subnets sorted by name, as in
/// <see cref="ClusterSnapshot"/>) and one of CIDRs by scope (<see cref="SubnetCidrIndex"/>). All live in one
/// immutable state swapped in whole, so a reader never sees an index disagree with the names. Each watch event costs
/// O(log n), also when most Subnets share one provider or one scope.
/// </summary>
internal sealed class SubnetStore : IResourceStore<SubnetInfo>
{
    private static readonly IComparer<SubnetInfo> ByName = Comparer<SubnetInfo>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    private readonly StringPool _pool = new();
    private State _state = new(ImmutableDictionary<string, SubnetInfo>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ImmutableList<SubnetInfo>>.Empty.WithComparers(StringComparer.Ordinal), SubnetCidrIndex.Empty);

    public int Count => Volatile.Read(ref _state).Names.Count;

    public IReadOnlyList<SubnetInfo> FindByProvider(string provider) =>
        Volatile.Read(ref _state).Providers.TryGetValue(provider, out var found) ? found : [];

    public IReadOnlyCollection<SubnetInfo> All() => Volatile.Read(ref _state).All;

    public IReadOnlyList<SubnetInfo> FindOverlapping(SubnetInfo subnet) => Volatile.Read(ref _state).Cidrs.FindOverlapping(subnet);

    public SubnetInfo? Find(string name) => Volatile.Read(ref _state).Names.GetValueOrDefault(name);

    public SubnetInfo Decode(JsonElement item)
    {
        var subnet = ClusterObjectDecoding.Decode(item, Subnet.Descriptor);
        var info = SubnetInfo.From(subnet);
        // Providers are mostly one per Subnet, so pooling them would cost more than it shares.
        return info with
        {
            ExcludeIps = info.ExcludeIps.Count == 0 ? [] : [.. info.ExcludeIps],
            Vpc = _pool.Share(info.Vpc),
            Vlan = _pool.Share(info.Vlan),
            Protocol = _pool.Share(info.Protocol),
        };
    }

    public void Replace(IReadOnlyCollection<SubnetInfo> items)
    {
        var names = ImmutableDictionary.CreateBuilder<string, SubnetInfo>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            names[item.Name] = item;
        }
        var providers = ImmutableDictionary.CreateBuilder<string, ImmutableList<SubnetInfo>>(StringComparer.Ordinal);
        foreach (var group in names.Values.GroupBy(s => s.Provider, StringComparer.Ordinal))
        {
            providers[group.Key] = [.. group.OrderBy(s => s.Name, StringComparer.Ordinal)];
        }
        Volatile.Write(ref _state, new State(names.ToImmutable(), providers.ToImmutable(), SubnetCidrIndex.Build(names.Values)));
    }

    public void Upsert(SubnetInfo item)
    {
        var state = _state;
        var known = state.Names.TryGetValue(item.Name, out var old);
        var providers = known ? Unindex(state.Providers, old!) : state.Providers;
        var cidrs = known ? state.Cidrs.Remove(old!) : state.Cidrs;
        var list = providers.GetValueOrDefault(item.Provider) ?? [];
        var index = list.BinarySearch(item, ByName);
        providers = providers.SetItem(item.Provider, list.Insert(index < 0 ? ~index : index, item));
        Volatile.Write(ref _state, new State(state.Names.SetItem(item.Name, item), providers, cidrs.Add(item)));
    }

    public void Remove(JsonElement item)
    {
        var state = _state;
        var name = ObjectKeys.Name(item);
        if (state.Names.TryGetValue(name, out var old))
        {
            Volatile.Write(ref _state, new State(state.Names.Remove(name), Unindex(state.Providers, old), state.Cidrs.Remove(old)));
        }
    }

    private static ImmutableDictionary<string, ImmutableList<SubnetInfo>> Unindex(
        ImmutableDictionary<string, ImmutableList<SubnetInfo>> providers, SubnetInfo old)
    {
        if (!providers.TryGetValue(old.Provider, out var list))
        {
            return providers;
        }
        var index = list.BinarySearch(old, ByName);
        if (index < 0)
        {
            return providers;
        }
        var rest = list.RemoveAt(index);
        return rest.IsEmpty ? providers.Remove(old.Provider) : providers.SetItem(old.Provider, rest);
    }

    private sealed class State(
        ImmutableDictionary<string, SubnetInfo> names, ImmutableDictionary<string, ImmutableList<SubnetInfo>> providers, SubnetCidrIndex cidrs)
    {
        public ImmutableDictionary<string, SubnetInfo> Names { get; } = names;

        public ImmutableDictionary<string, ImmutableList<SubnetInfo>> Providers { get; } = providers;

        public SubnetCidrIndex Cidrs { get; } = cidrs;

        public IReadOnlyCollection<SubnetInfo> All { get; } = new Values(names);
    }

    /// <summary>The values of an immutable dictionary as a read-only collection, without copying them.</summary>
    private sealed class Values(ImmutableDictionary<string, SubnetInfo> names) : IReadOnlyCollection<SubnetInfo>
    {
        public int Count => names.Count;

        public IEnumerator<SubnetInfo> GetEnumerator() => names.Values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

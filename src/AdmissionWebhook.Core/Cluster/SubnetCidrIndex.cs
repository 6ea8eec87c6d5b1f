using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>
/// The cluster's Subnet CIDRs per VPC-and-vlan scope, so the overlap rule finds the Subnets a CIDR overlaps without
/// walking every Subnet. Immutable: <see cref="Add"/> and <see cref="Remove"/> return a new index sharing all but
/// O(log n) of the old one, so the cluster view swaps it in with the rest of its state and readers never lock.
/// </summary>
/// <remarks>
/// Two CIDR networks of one family either nest or are disjoint. So the networks overlapping a queried one are those
/// starting inside it (found by one range walk over networks ordered by first address) and those containing it,
/// which start at its first address masked to a shorter prefix (one exact lookup per prefix length the scope uses).
/// A query costs O(prefix lengths x log n + answers), whatever the number of Subnets. Subnets whose
/// <c>cidrBlock</c> does not parse are not indexed: they overlap nothing, as in <see cref="Scan"/>.
/// </remarks>
internal sealed class SubnetCidrIndex
{
    private const int V4Prefixes = 33;
    private const int V6Prefixes = 129;

    private static readonly ImmutableDictionary<SubnetScope, Scope> NoScopes = ImmutableDictionary<SubnetScope, Scope>.Empty;

    private readonly ImmutableDictionary<SubnetScope, Scope> _scopes;

    private SubnetCidrIndex(ImmutableDictionary<SubnetScope, Scope> scopes) => _scopes = scopes;

    public static SubnetCidrIndex Empty { get; } = new(NoScopes);

    /// <summary>Indexes <paramref name="subnets"/> in one pass (names are assumed distinct).</summary>
    public static SubnetCidrIndex Build(IEnumerable<SubnetInfo> subnets)
    {
        var entries = new Dictionary<SubnetScope, ImmutableSortedSet<Entry>.Builder>();
        var counts = new Dictionary<SubnetScope, int[]>();
        foreach (var subnet in subnets)
        {
            if (!TryRead(subnet, out var scope, out var block))
            {
                continue;
            }
            if (!entries.TryGetValue(scope, out var set))
            {
                set = ImmutableSortedSet.CreateBuilder<Entry>(EntryOrder.Instance);
                entries[scope] = set;
                counts[scope] = new int[V4Prefixes + V6Prefixes];
            }
            foreach (var network in block.Networks)
            {
                var entry = Entry.Of(network, subnet);
                set.Add(entry);
                counts[scope][entry.CountSlot]++;
            }
        }
        var scopes = ImmutableDictionary.CreateBuilder<SubnetScope, Scope>();
        foreach (var (scope, set) in entries)
        {
            scopes[scope] = new Scope(set.ToImmutable(), counts[scope]);
        }
        return new SubnetCidrIndex(scopes.ToImmutable());
    }

    /// <summary>The index with <paramref name="subnet"/>'s networks added (remove its previous version first).</summary>
    public SubnetCidrIndex Add(SubnetInfo subnet)
    {
        if (!TryRead(subnet, out var scope, out var block))
        {
            return this;
        }
        var current = _scopes.GetValueOrDefault(scope) ?? Scope.Empty;
        var entries = current.Entries;
        var counts = (int[])current.PrefixCounts.Clone();
        foreach (var network in block.Networks)
        {
            var entry = Entry.Of(network, subnet);
            entries = entries.Add(entry);
            counts[entry.CountSlot]++;
        }
        return new SubnetCidrIndex(_scopes.SetItem(scope, new Scope(entries, counts)));
    }

    /// <summary>The index without <paramref name="subnet"/>'s networks (the instance the index was given).</summary>
    public SubnetCidrIndex Remove(SubnetInfo subnet)
    {
        if (!TryRead(subnet, out var scope, out var block) || !_scopes.TryGetValue(scope, out var current))
        {
            return this;
        }
        var entries = current.Entries;
        var counts = (int[])current.PrefixCounts.Clone();
        foreach (var network in block.Networks)
        {
            var entry = Entry.Of(network, subnet);
            if (entries.Contains(entry))
            {
                entries = entries.Remove(entry);
                counts[entry.CountSlot]--;
            }
        }
        return new SubnetCidrIndex(entries.IsEmpty ? _scopes.Remove(scope) : _scopes.SetItem(scope, new Scope(entries, counts)));
    }

    /// <summary>
    /// The indexed Subnets in <paramref name="subnet"/>'s scope whose <c>cidrBlock</c> shares addresses with its
    /// own, each once, in no particular order; <paramref name="subnet"/> itself too when it is indexed.
    /// </summary>
    public IReadOnlyList<SubnetInfo> FindOverlapping(SubnetInfo subnet)
    {
        if (!TryRead(subnet, out var scope, out var block) || !_scopes.TryGetValue(scope, out var index))
        {
            return [];
        }
        var found = new List<SubnetInfo>();
        HashSet<string>? seen = null;
        foreach (var network in block.Networks)
        {
            // Only a dual-stack Subnet can be found twice (once per family): remember names after the first family.
            if (found.Count > 0 && seen is null)
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var subnetFound in found)
                {
                    seen.Add(subnetFound.Name);
                }
            }
            index.Collect(Entry.Of(network, subnet), found, seen);
        }
        return found;
    }

    /// <summary>
    /// The linear scan the index replaces: every Subnet in the same scope whose CIDR overlaps. The reference the
    /// index is tested against; no cluster view answers with it.
    /// </summary>
    public static IReadOnlyList<SubnetInfo> Scan(IEnumerable<SubnetInfo> subnets, SubnetInfo subnet)
    {
        if (!TryRead(subnet, out var scope, out var block))
        {
            return [];
        }
        var found = new List<SubnetInfo>();
        foreach (var other in subnets)
        {
            if (TryRead(other, out var otherScope, out var otherBlock) && otherScope == scope && block.Overlaps(otherBlock))
            {
                found.Add(other);
            }
        }
        return found;
    }

    private static bool TryRead(SubnetInfo subnet, out SubnetScope scope, out CidrBlock block)
    {
        scope = SubnetScope.Of(subnet.Provider, subnet.Vpc, subnet.Vlan);
        return CidrBlock.TryParse(subnet.CidrBlock, out block, out _);
    }

    /// <summary>One scope's networks ordered by family and first address, and how many use each prefix length.</summary>
    private sealed class Scope(ImmutableSortedSet<Entry> entries, int[] prefixCounts)
    {
        public static Scope Empty { get; } = new(ImmutableSortedSet.Create<Entry>(EntryOrder.Instance), new int[V4Prefixes + V6Prefixes]);

        public ImmutableSortedSet<Entry> Entries { get; } = entries;

        public int[] PrefixCounts { get; } = prefixCounts;

        public void Collect(Entry query, List<SubnetInfo> found, HashSet<string>? seen)
        {
            // Networks starting inside the query: the query contains them, or they are the same network.
            var last = query.Start | HostMask(query.IsV6, query.Prefix);
            for (var i = StartOf(query.IsV6, query.Start, prefix: -1); i < Entries.Count; i++)
            {
                var entry = Entries[i];
                if (entry.IsV6 != query.IsV6 || entry.Start > last)
                {
                    break;
                }
                Take(entry, found, seen);
            }
            // Networks containing the query and starting before it; one starting at its address was found above.
            var slotBase = query.IsV6 ? V4Prefixes : 0;
            for (var prefix = 0; prefix < query.Prefix; prefix++)
            {
                if (PrefixCounts[slotBase + prefix] == 0)
                {
                    continue;
                }
                var start = query.Start & ~HostMask(query.IsV6, prefix);
                if (start == query.Start)
                {
                    continue;
                }
                for (var i = StartOf(query.IsV6, start, prefix); i < Entries.Count; i++)
                {
                    var entry = Entries[i];
                    if (entry.IsV6 != query.IsV6 || entry.Start != start || entry.Prefix != prefix)
                    {
                        break;
                    }
                    Take(entry, found, seen);
                }
            }
        }

        /// <summary>The position of the first entry at or after (family, start, prefix), by binary search.</summary>
        private int StartOf(bool isV6, UInt128 start, int prefix)
        {
            var position = Entries.IndexOf(new Entry(isV6, start, prefix, string.Empty, null!));
            return position >= 0 ? position : ~position;
        }

        private static void Take(Entry entry, List<SubnetInfo> found, HashSet<string>? seen)
        {
            if (seen is null || seen.Add(entry.Name))
            {
                found.Add(entry.Subnet);
            }
        }
    }

    private static UInt128 HostMask(bool isV6, int prefix) =>
        isV6 ? (prefix == 0 ? UInt128.MaxValue : (UInt128.One << (128 - prefix)) - 1) : (UInt128.One << (32 - prefix)) - 1;

    /// <summary>One network of one Subnet. The name breaks ties, so Subnets sharing a network are distinct entries.</summary>
    private readonly record struct Entry(bool IsV6, UInt128 Start, int Prefix, string Name, SubnetInfo Subnet)
    {
        public int CountSlot => (IsV6 ? V4Prefixes : 0) + Prefix;

        public static Entry Of(IPNetwork network, SubnetInfo subnet)
        {
            var isV6 = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
            Span<byte> bytes = stackalloc byte[16];
            network.BaseAddress.TryWriteBytes(bytes, out var written);
            var start = UInt128.Zero;
            for (var i = 0; i < written; i++)
            {
                start = (start << 8) | bytes[i];
            }
            return new Entry(isV6, start, network.PrefixLength, subnet.Name, subnet);
        }
    }

    /// <summary>Family (IPv4 first), first address, prefix length, then name: a network's containers sort before it.</summary>
    private sealed class EntryOrder : IComparer<Entry>
    {
        public static EntryOrder Instance { get; } = new();

        public int Compare(Entry x, Entry y)
        {
            var order = x.IsV6.CompareTo(y.IsV6);
            if (order == 0)
            {
                order = x.Start.CompareTo(y.Start);
            }
            if (order == 0)
            {
                order = x.Prefix.CompareTo(y.Prefix);
            }
            return order != 0 ? order : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}

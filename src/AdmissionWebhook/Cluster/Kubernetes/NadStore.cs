using System.Collections.Immutable;
using System.Text.Json;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>NADs of all namespaces, keyed by namespace/name. Each watch event costs O(log n).</summary>
internal sealed class NadStore : IResourceStore<NadInfo>
{
    private readonly StringPool _pool = new();
    private ImmutableDictionary<NamespacedName, NadInfo> _nads = ImmutableDictionary<NamespacedName, NadInfo>.Empty;

    public int Count => Volatile.Read(ref _nads).Count;

    public NadInfo? Find(NamespacedName name) => Volatile.Read(ref _nads).GetValueOrDefault(name);

    public IEnumerable<NadInfo> All() => Volatile.Read(ref _nads).Values;

    public NadInfo Decode(JsonElement item)
    {
        var nad = ClusterObjectDecoding.Decode(item, NetworkAttachmentDefinition.Descriptor);
        var info = NadInfo.From(nad);
        return info with
        {
            Namespace = _pool.Share(info.Namespace),
            ServerSocket = _pool.Share(info.ServerSocket),
        };
    }

    public void Replace(IReadOnlyCollection<NadInfo> items)
    {
        var builder = ImmutableDictionary.CreateBuilder<NamespacedName, NadInfo>();
        foreach (var item in items)
        {
            builder[item.Key] = item;
        }
        Volatile.Write(ref _nads, builder.ToImmutable());
    }

    public void Upsert(NadInfo item) => Volatile.Write(ref _nads, _nads.SetItem(item.Key, item));

    public void Remove(JsonElement item) => Volatile.Write(ref _nads, _nads.Remove(ObjectKeys.NamespacedName(item)));
}

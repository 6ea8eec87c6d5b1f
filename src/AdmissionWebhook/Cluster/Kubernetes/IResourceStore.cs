using System.Text.Json;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// What a list-and-watch cache keeps of one resource. There is one writer (the informer loop); readers go through
/// the store's own lookups, which read an immutable state swapped in whole, so they never lock.
/// </summary>
internal interface IResourceStore<TInfo>
    where TInfo : class
{
    int Count { get; }

    /// <summary>Reduces an API object to the fields the rules read.</summary>
    /// <exception cref="JsonException">The object does not have the resource's shape.</exception>
    TInfo Decode(JsonElement item);

    /// <summary>Replaces everything with a complete list (after the initial list or a re-list).</summary>
    void Replace(IReadOnlyCollection<TInfo> items);

    /// <summary>ADDED or MODIFIED.</summary>
    void Upsert(TInfo item);

    /// <summary>DELETED: only the object's metadata is read.</summary>
    void Remove(JsonElement item);
}

using System.Text.Json;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>One page of a list: its items, the list's resourceVersion and the token of the next page (null on the last).</summary>
internal sealed record ResourceListPage(IReadOnlyList<JsonElement> Items, string ResourceVersion, string? Continue);

/// <summary>One line of a watch stream.</summary>
internal readonly record struct ResourceWatchEvent(WatchEventKind Kind, JsonElement Object);

internal enum WatchEventKind
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>Read-only NetworkAttachmentDefinition lookups for the rules.</summary>
public interface INadLookup
{
    /// <summary>
    /// The synchronous form: answers from memory when the view can (true, with the NAD or null when it knows there is
    /// none), so the rules run without FluentValidation's async path. False only when an answer needs I/O (the live
    /// cache's fallback GET for a NAD it does not hold); <see cref="FindNadAsync"/> then asks.
    /// </summary>
    /// <exception cref="LookupUnavailableException">The cluster view cannot answer (not synced).</exception>
    bool TryFindNad(NamespacedName name, out NadInfo? nad);

    /// <summary>The NAD, or null when it does not exist.</summary>
    /// <exception cref="LookupUnavailableException">The cluster view cannot answer (not synced, API unreachable).</exception>
    ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken);
}

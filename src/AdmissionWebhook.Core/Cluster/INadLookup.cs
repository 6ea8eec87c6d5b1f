using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>Read-only NetworkAttachmentDefinition lookups for the rules.</summary>
public interface INadLookup
{
    /// <summary>The NAD, or null when it does not exist.</summary>
    /// <exception cref="LookupUnavailableException">The cluster view cannot answer (not synced, API unreachable).</exception>
    ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken);
}

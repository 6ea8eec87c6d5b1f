namespace AdmissionWebhook.Admission;

/// <summary>Reviews requests for one resource; the transport holds one per resource and knows nothing else of it.</summary>
public interface IAdmissionReviewer
{
    /// <summary>The webhook path for <paramref name="kind"/>.</summary>
    string PathFor(WebhookKind kind);

    /// <summary>The resource's plural name, for logs and metrics.</summary>
    string Resource { get; }

    /// <summary>Decides one request.</summary>
    /// <exception cref="Cluster.LookupUnavailableException">The cluster view cannot answer.</exception>
    ValueTask<AdmissionDecision> ReviewAsync(AdmissionRequest request, WebhookKind kind, CancellationToken cancellationToken);
}

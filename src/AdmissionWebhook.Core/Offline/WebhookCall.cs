using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Offline;

/// <summary>One webhook call: the request sent, the decision, and the wire response built from it.</summary>
public sealed record WebhookCall(WebhookKind Kind, AdmissionRequest Request, AdmissionDecision Decision, AdmissionResponse Response)
{
    /// <summary>The AdmissionReview envelope exactly as the server writes it.</summary>
    public AdmissionReview Envelope => AdmissionResponses.Envelope(Response);
}

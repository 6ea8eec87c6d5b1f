using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>A reviewer on its own path whose behaviour a transport test scripts (throw, wait for the deadline...).</summary>
internal sealed class ScriptedReviewer(string path, Func<CancellationToken, ValueTask<AdmissionDecision>> behaviour) : IAdmissionReviewer
{
    public string Resource => "scripted";

    public string PathFor(WebhookKind kind) => kind == WebhookKind.Validate ? path : path + "-mutate";

    public ValueTask<AdmissionDecision> ReviewAsync(AdmissionRequest request, WebhookKind kind, CancellationToken cancellationToken) =>
        behaviour(cancellationToken);
}

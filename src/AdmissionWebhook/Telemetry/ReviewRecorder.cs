using System.Diagnostics;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Telemetry;

/// <summary>Turns one answered review into metrics and span tags. Called once per review, allocation-light.</summary>
internal sealed class ReviewRecorder(AdmissionTelemetry telemetry)
{
    public const string Errored = "errored";

    public void Started() => telemetry.InFlight.Add(1);

    /// <summary>Records the outcome; <paramref name="decision"/> is null when the answer was not an AdmissionReview.</summary>
    public void Finished(WebhookKind kind, string resource, string? operation, AdmissionDecision? decision, double seconds)
    {
        telemetry.InFlight.Add(-1);
        var decisionName = decision is null ? Errored : AdmissionHttpHandler.DecisionName(decision);
        var webhook = kind == WebhookKind.Validate ? "validate" : "mutate";
        var tags = new TagList
        {
            { "webhook", webhook },
            { "resource", resource },
            { "operation", operation ?? "unknown" },
            { "decision", decisionName },
        };
        telemetry.Reviews.Add(1, tags);
        telemetry.ReviewDuration.Record(seconds, tags);
        RecordCodes(resource, decision);
        Tag(Activity.Current, webhook, resource, operation, decisionName, decision);
    }

    private void RecordCodes(string resource, AdmissionDecision? decision)
    {
        switch (decision)
        {
            case AdmissionDecision.Deny deny:
                foreach (var failure in deny.Failures)
                {
                    telemetry.RuleFailures.Add(1, new TagList { { "code", failure.Code }, { "action", "deny" }, { "resource", resource } });
                }
                RecordWarnings(resource, deny.Warnings);
                break;
            case AdmissionDecision.Allow allow:
                RecordWarnings(resource, allow.Warnings);
                break;
            case AdmissionDecision.Patch patch:
                foreach (var code in patch.MutationCodes)
                {
                    telemetry.RuleFailures.Add(1, new TagList { { "code", code }, { "action", "mutate" }, { "resource", resource } });
                }
                RecordWarnings(resource, patch.Warnings);
                break;
        }
    }

    private void RecordWarnings(string resource, IReadOnlyList<RuleFailure> warnings)
    {
        foreach (var warning in warnings)
        {
            telemetry.RuleFailures.Add(1, new TagList { { "code", warning.Code }, { "action", "warn" }, { "resource", resource } });
        }
    }

    private static void Tag(Activity? activity, string webhook, string resource, string? operation, string decisionName, AdmissionDecision? decision)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }
        activity.SetTag("admission.webhook", webhook);
        activity.SetTag("admission.resource", resource);
        activity.SetTag("admission.operation", operation);
        activity.SetTag("admission.decision", decisionName);
        if (decision is { Codes.Count: > 0 })
        {
            activity.SetTag("admission.codes", string.Join(',', decision.Codes));
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Offline;

/// <summary>
/// Runs a request through the very reviewers the server uses, the way the API server calls them: mutate, apply
/// the patch with the strict applier, then validate the patched object. Responses are built with
/// <see cref="AdmissionResponses"/>, so they are what the server would answer.
/// </summary>
public sealed class AdmissionPipeline(IEnumerable<IAdmissionReviewer> reviewers)
{
    private readonly IReadOnlyList<IAdmissionReviewer> _reviewers = [.. reviewers];

    public async Task<PipelineOutcome> RunAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var reviewer = ReviewerFor(request);
        var mutate = await CallAsync(reviewer, request, WebhookKind.Mutate, cancellationToken);
        if (!mutate.Response.Allowed)
        {
            return new PipelineOutcome(mutate, [], null, null);
        }
        var operations = mutate.Decision is AdmissionDecision.Patch patch ? patch.Operations : [];
        var validateRequest = request;
        JsonNode? patched = request.Object is { } json ? JsonNode.Parse(json.GetRawText()) : null;
        if (operations.Count > 0)
        {
            patched = JsonPatchApplier.Apply(patched, operations);
            // The API server re-encodes the patched object before the validating webhook sees it.
            validateRequest = request with { Object = JsonText.ToElement(patched, JsonEscaping.Go) };
        }
        var validate = await CallAsync(reviewer, validateRequest, WebhookKind.Validate, cancellationToken);
        return new PipelineOutcome(mutate, operations, patched, validate);
    }

    /// <summary>The validating webhook alone, on the object as written (lint uses it to explain what a mutation fixes).</summary>
    public async Task<WebhookCall> ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        await CallAsync(ReviewerFor(request), request, WebhookKind.Validate, cancellationToken);

    private static async Task<WebhookCall> CallAsync(IAdmissionReviewer reviewer, AdmissionRequest request, WebhookKind kind, CancellationToken cancellationToken)
    {
        var decision = await reviewer.ReviewAsync(request, kind, cancellationToken);
        return new WebhookCall(kind, request, decision, AdmissionResponses.From(request, decision));
    }

    private IAdmissionReviewer ReviewerFor(AdmissionRequest request)
    {
        var resource = request.Resource?.Resource;
        return _reviewers.FirstOrDefault(r => string.Equals(r.Resource, resource, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no reviewer for resource \"{resource}\"");
    }
}

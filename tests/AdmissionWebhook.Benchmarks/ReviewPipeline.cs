using System.Text.Json;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Benchmarks;

/// <summary>What one HTTP review costs apart from the socket: decode the body (as the transport does), decide, encode the answer.</summary>
internal static class ReviewPipeline
{
    public static async Task<byte[]> RunAsync(IAdmissionReviewer reviewer, byte[] body, WebhookKind kind)
    {
        using var document = JsonDocument.Parse(body);
        var review = AdmissionReviewReader.Read(document);
        var decision = await reviewer.ReviewAsync(review.Request!, kind, CancellationToken.None);
        var response = AdmissionResponses.Envelope(AdmissionResponses.From(review.Request!, decision));
        return JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Wire.AdmissionReview);
    }
}

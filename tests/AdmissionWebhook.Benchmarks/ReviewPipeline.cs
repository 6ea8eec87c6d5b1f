using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Benchmarks;

/// <summary>What one HTTP review costs apart from the socket: read the body (as the transport does), decide, encode the answer.</summary>
internal static class ReviewPipeline
{
    public static async Task<int> RunAsync(IAdmissionReviewer reviewer, byte[] body, WebhookKind kind, BodyReading reading = BodyReading.Transport)
    {
        if (reading == BodyReading.Document)
        {
            return await RunThroughDocumentAsync(reviewer, body, kind);
        }
        var review = Read(body);
        var decision = await reviewer.ReviewAsync(review.Request!, kind, CancellationToken.None);
        return Encode(review.Request!, decision);
    }

    /// <summary>The transport's reading of a body: the UTF-8 and lone-surrogate checks, then the review (one pass when ordinary).</summary>
    public static AdmissionReview Read(ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span) || SurrogateEscapes.ContainsLone(body.Span) || !AdmissionReviewReader.TryRead(body, out var review, out var problem))
        {
            throw new InvalidOperationException("the benchmark's body is refused");
        }
        return review;
    }

    /// <summary>
    /// The transport's reading before the single pass (and still its path for an unusual body): the same checks, a
    /// <see cref="JsonDocument"/> of the whole body that refuses duplicates, the envelope read from its elements, and the
    /// objects decoded from their elements. Kept for the A/B in one run.
    /// </summary>
    private static async Task<int> RunThroughDocumentAsync(IAdmissionReviewer reviewer, byte[] body, WebhookKind kind)
    {
        using var document = ParseDocument(body);
        var review = AdmissionReviewReader.Read(document);
        var decision = await reviewer.ReviewAsync(review.Request!, kind, CancellationToken.None);
        return Encode(review.Request!, decision);
    }

    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span) || SurrogateEscapes.ContainsLone(body.Span))
        {
            throw new InvalidOperationException("the benchmark's body is refused");
        }
        return JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 256 });
    }

    // Stands in for Kestrel's response pipe, whose memory is pooled: the answer's bytes are not the review's allocation.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_answer;

    /// <summary>
    /// The answer as the transport writes it (into a reused buffer here, the response body's pipe there; a large patch's
    /// answer into pooled segments, as the transport's large-answer path does); its length.
    /// </summary>
    public static int Encode(AdmissionRequest request, AdmissionDecision decision)
    {
        var response = AdmissionResponses.From(request, decision);
        using (response.Patch)
        {
            if (response.Patch is { Length: > LargePatchBytes })
            {
                using var segments = new Utf8TextBuffer();
                AdmissionResponses.Write(segments, response);
                return (int)segments.Length;
            }
            var buffer = t_answer ??= new ArrayBufferWriter<byte>(4096);
            buffer.ResetWrittenCount();
            AdmissionResponses.Write(buffer, response);
            return buffer.WrittenCount;
        }
    }

    /// <summary>The transport's threshold for its large-answer path (AdmissionHttpHandler.LargePatchBytes).</summary>
    private const int LargePatchBytes = 64 * 1024;
}

/// <summary>How a benchmark reads the body: the transport's way, or through a whole-body document as it did before.</summary>
public enum BodyReading
{
    Transport,
    Document,
}

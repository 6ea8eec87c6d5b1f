using AdmissionWebhook.Patching;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Unicode;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Telemetry;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The transport for every webhook path: read and check the AdmissionReview, hand the request to the resource's
/// reviewer under the API server's deadline, and write the answer. The error taxonomy (ARCHITECTURE.md §2.3):
/// a body that is no AdmissionReview gets 400/413/415 with a problem body; a cluster view that cannot answer, or a
/// review beyond the memory budget, gets 503; any other failure gets 500. Non-2xx answers leave the decision to the failurePolicy.
/// </summary>
internal sealed class AdmissionHttpHandler(
    IOptions<WebhookOptions> options, ILogger<AdmissionHttpHandler> logger, TimeProvider time, ReviewRecorder recorder, RequestMemoryBudget budget)
{
    private const string ProblemType = "urn:admission-webhook:error";

    /// <summary>The API server's webhook timeout is at most 30 s; a longer <c>?timeout=</c> is no API server's.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public async Task HandleAsync(HttpContext http, IAdmissionReviewer reviewer, WebhookKind kind)
    {
        var started = time.GetTimestamp();
        recorder.Started();
        AdmissionRequest? request = null;
        AdmissionDecision? decision = null;
        try
        {
            (request, decision) = await ReviewAsync(http, reviewer, kind, started);
        }
        finally
        {
            recorder.Finished(kind, reviewer.Resource, request?.Operation, decision, time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Answers one request; returns the request and decision when the answer was an AdmissionReview.</summary>
    private async Task<(AdmissionRequest? Request, AdmissionDecision? Decision)> ReviewAsync(HttpContext http, IAdmissionReviewer reviewer, WebhookKind kind, long started)
    {
        if (!IsJson(http.Request.ContentType))
        {
            await WriteProblemAsync(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content-Type must be application/json, not \"{http.Request.ContentType}\"");
            return (null, null);
        }
        if (http.Request.ContentLength > WebhookOptions.MaxRequestBodyBytes)
        {
            await WriteTooLargeAsync(http);
            return (null, null);
        }

        if (!TryCreateDeadline(http, out var deadline))
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Invalid timeout",
                $"the timeout query parameter must be a Go duration (such as 10s) of at most {MaxTimeout.TotalMinutes:F0}m");
            return (null, null);
        }
        using var ownedDeadline = deadline;

        // Memory is bounded by design: the reviews in flight have a budget of heap bytes, each charged its body times
        // the most any review of its kind allocates per body byte (ReviewHeapCost, pinned by a test). A review
        // estimated above the whole budget cannot be bounded, even alone (a 3 MiB interface-dense VM still runs out of
        // the Deployment's 192 MiB heap on its own, measured), so it is answered 503 before its body is read: the
        // limit is this Pod's memory, not the request (which the API server accepted), and the failurePolicy decides.
        // Without a Content-Length the request may be as large as the cap: it reserves the whole budget and is checked
        // once its body is read.
        var reserve = ReviewHeapCost.Estimate(http.Request.ContentLength ?? 0, kind);
        if (reserve > budget.Capacity)
        {
            await WriteTooCostlyAsync(http, kind);
            return (null, null);
        }
        if (http.Request.ContentLength is null)
        {
            reserve = budget.Capacity;
        }
        using var lease = await budget.TryAcquireAsync(reserve, options.Value.RequestMemoryWait, deadline.Token);
        if (lease is null)
        {
            if (http.RequestAborted.IsCancellationRequested)
            {
                return (null, null);
            }
            http.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "Too many large reviews",
                "the webhook is reviewing as many request bytes as its memory budget allows; retry shortly");
            return (null, null);
        }

        using var body = new PooledBody();
        try
        {
            await body.ReadAsync(http.Request.Body, http.Request.ContentLength, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteTooLargeAsync(http);
            return (null, null);
        }
        catch (BadHttpRequestException e)
        {
            // A slow (408) or truncated (400) body: Kestrel answers itself; one line, no stack trace.
            Log.BodyUnreadable(logger, http.Request.Path, e.StatusCode, e.Message);
            return (null, null);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            Log.BodyUnreadable(logger, http.Request.Path, StatusCodes.Status499ClientClosedRequest, "the client closed the connection");
            return (null, null);
        }
        if (ReviewHeapCost.Estimate(body.Length, kind) > budget.Capacity)
        {
            await WriteTooCostlyAsync(http, kind);
            return (null, null);
        }
        if (body.Length == 0)
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Empty body", "the request body is empty: POST an admission.k8s.io/v1 AdmissionReview");
            return (null, null);
        }
        // JSON text is UTF-8 (RFC 8259 §8.1). The reader would only notice bad bytes in strings it decodes, so check
        // all of them: every field, read or not, gets the same answer.
        if (!Utf8.IsValid(body.Memory.Span))
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Malformed AdmissionReview", "the body is not valid UTF-8");
            return (null, null);
        }
        if (SurrogateEscapes.ContainsLone(body.Memory.Span))
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Malformed AdmissionReview",
                "the body escapes a lone UTF-16 surrogate (such as \\ud800 without its pair), which is no Unicode text");
            return (null, null);
        }

        // One pass over the whole review (AdmissionReviewReader): the envelope into its records, the objects kept as
        // slices of the body, which lives until the answer is written. The API server never sends a duplicate member
        // (it encodes Go values), so one is refused rather than guessed at.
        if (!AdmissionReviewReader.TryRead(body.Memory, out var review, out var problem))
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Malformed AdmissionReview", problem);
            return (null, null);
        }
        if (review.ApiVersion != AdmissionReview.V1ApiVersion || review.Kind != AdmissionReview.ReviewKind)
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Unsupported AdmissionReview version",
                $"expected apiVersion {AdmissionReview.V1ApiVersion} and kind {AdmissionReview.ReviewKind}, got \"{review.ApiVersion}\" \"{review.Kind}\"");
            return (null, null);
        }
        if (review.Request is not { Uid.Length: > 0 } request)
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Missing request.uid",
                "the AdmissionReview has no request.uid, so no response could be matched to it");
            return (null, null);
        }

        AdmissionDecision decision;
        try
        {
            decision = await reviewer.ReviewAsync(request, kind, deadline.Token);
        }
        catch (LookupUnavailableException e)
        {
            Log.ClusterViewUnavailable(logger, request.Uid, reviewer.Resource, e.Message);
            http.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "Cluster view unavailable",
                $"the webhook cannot look up the cluster right now ({e.Message}); the webhook configuration's failurePolicy decides");
            return (request, null);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The API server gave up and closed the connection: nobody is left to answer.
            return (request, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Log.DeadlineExceeded(logger, request.Uid, reviewer.Resource);
            await WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "Deadline exceeded",
                "the review did not finish within the API server's timeout");
            return (request, null);
        }
        catch (Exception e)
        {
            // Internal: the type and stack say where; the message may quote object content (a key name, a value), so
            // it stays out of the log.
            Log.ReviewFailed(logger, request.Uid, reviewer.Resource, Log.Describe(e));
            await WriteProblemAsync(http, StatusCodes.Status500InternalServerError, "Internal error",
                $"the webhook failed to review request {request.Uid}; details are in its log");
            return (request, null);
        }

        var response = AdmissionResponses.From(request, decision);
        var level = DecisionLogLevel(decision);
        if (logger.IsEnabled(level))
        {
#pragma warning disable CA1873 // Guarded by IsEnabled(level) just above; the analyzer recognises only a constant level.
            Log.Decided(logger, level, request.Uid, reviewer.Resource, kind, request.Namespace ?? string.Empty, request.Name ?? string.Empty,
                request.Operation ?? string.Empty, request.UserInfo?.Username ?? string.Empty, DecisionName(decision),
                string.Join(',', decision.Codes), time.GetElapsedTime(started).TotalMilliseconds);
#pragma warning restore CA1873
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        using (response.Patch)
        {
            if (response.Patch is { Length: > LargePatchBytes })
            {
                await WriteLargeAnswerAsync(http, response);
            }
            else
            {
                http.Response.ContentType = "application/json; charset=utf-8";
                AdmissionResponses.Write(http.Response.BodyWriter, response);
                await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
            }
        }
        return (request, decision);
    }

    /// <summary>A patch above this size is answered through <see cref="WriteLargeAnswerAsync"/>.</summary>
    internal const int LargePatchBytes = 64 * 1024;

    /// <summary>
    /// Kestrel gives a writer one buffer of the size it asks for, and the JSON writer asked for a base64 string whole: a
    /// 3 MB patch rented a 4 MiB buffer from the shared array pool, which keeps such buffers per thread after the review,
    /// outside any budget (a near-limit series ran out of memory there). The patch is now encoded in 12 KiB chunks
    /// (<see cref="PatchPayload"/>), and the answer is written into pooled 64 KiB segments (its
    /// length is the Content-Length; no array of it reaches the large-object heap) and sent in slices Kestrel serves from
    /// its small blocks.
    /// </summary>
    private static async Task WriteLargeAnswerAsync(HttpContext http, AdmissionResponse response)
    {
        const int Slice = 16 * 1024;
        using var answer = new Utf8TextBuffer();
        AdmissionResponses.Write(answer, response);
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = answer.Length;
        await answer.CopyToAsync(http.Response.Body, Slice, http.RequestAborted);
    }

    /// <summary>
    /// A plain allow (no warning, no patch) is most of a cluster's reviews and says nothing the API server's audit log
    /// does not: Debug. A denial, a warning, a patch or an error is what an operator looks for: Information. Formatting
    /// and writing a line per plain allow cost about a fifth of a review's CPU under load (README, Performance).
    /// </summary>
    internal static LogLevel DecisionLogLevel(AdmissionDecision decision) =>
        decision is AdmissionDecision.Allow { Warnings.Count: 0 } ? LogLevel.Debug : LogLevel.Information;

    internal static string DecisionName(AdmissionDecision decision) => decision switch
    {
        AdmissionDecision.Patch { Operations.Count: > 0 } => "patched",
        AdmissionDecision.Deny => "denied",
        AdmissionDecision.Error => "errored",
        _ => "allowed",
    };

    /// <summary>
    /// The review's deadline: the client's disconnect, and the API server's <c>?timeout=</c> less a margin. False
    /// when the timeout is there but no duration an API server sends.
    /// </summary>
    private bool TryCreateDeadline(HttpContext http, out CancellationTokenSource source)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var text = http.Request.Query["timeout"];
        if (text.Count == 0)
        {
            return true;
        }
        if (text.Count > 1 || !RequestDeadline.TryParseGoDuration(text, out var timeout) || timeout > MaxTimeout)
        {
            source.Dispose();
            return false;
        }
        var budget = timeout - options.Value.DeadlineMargin;
        source.CancelAfter(budget > TimeSpan.Zero ? budget : timeout);
        return true;
    }

    // The API server always sends exactly "application/json"; only another value is parsed (parameters, case, spaces).
    private static bool IsJson(string? contentType) =>
        string.Equals(contentType, "application/json", StringComparison.Ordinal)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase));

    private Task WriteTooLargeAsync(HttpContext http) =>
        WriteProblemAsync(http, StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"the body exceeds {WebhookOptions.MaxRequestBodyBytes} bytes (object and oldObject of up to 3 MiB each, plus the envelope)");

    // No Retry-After: unlike a full budget, this review will not fit later either.
    private Task WriteTooCostlyAsync(HttpContext http, WebhookKind kind)
    {
        return WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "Review too large for the memory budget",
            $"a {kind.ToString().ToLowerInvariant()} review may take {ReviewHeapCost.BytesPerBodyByte(kind)} heap bytes per body byte, so this webhook "
            + $"reviews bodies of at most {budget.Capacity / ReviewHeapCost.BytesPerBodyByte(kind)} bytes (Webhook:RequestMemoryBudgetBytes {budget.Capacity}, "
            + "half the GC heap by default); the webhook configuration's failurePolicy decides. A larger memory limit raises it");
    }

    /// <summary>Answers with a problem body; a client's fault (4xx) logs one line naming the path and the problem.</summary>
    private async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        if (status < StatusCodes.Status500InternalServerError)
        {
            Log.Rejected(logger, http.Request.Path, status, title);
        }
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(http.Response.Body, new ProblemBody(ProblemType, title, status, detail), HostJsonContext.Wire.ProblemBody);
    }
}

using System.Diagnostics;
using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// A rough in-process timing (seconds, not minutes) of the seed's hot-plug review: each stage of the transport's path,
/// then the whole pipeline. A smoke check before BenchmarkDotNet, not a substitute for it.
/// </summary>
internal static class QuickTiming
{
    private const int Rounds = 20_000;

    public static async Task RunAsync()
    {
        var reviews = new BenchmarkReviews(0);
        var body = reviews.Hotplug;
        using var document = JsonDocument.Parse(body);
        var request = AdmissionReviewReader.Read(document).Request!;
        var response = AdmissionResponses.Envelope(AdmissionResponses.From(request, AdmissionDecision.Allowed));

        Time("read the review", () => ReviewPipeline.Read(body));
        Time("decode one VM", () => ResourceDecoding.TryDecode(request.Object!.Value, VirtualMachine.Descriptor, out var vm, out _) ? vm : null);
        Time("encode the response", () => JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Wire.AdmissionReview));
        foreach (var kind in new[] { WebhookKind.Validate, WebhookKind.Mutate })
        {
            await TimeAsync($"whole review, {kind}", () => ReviewPipeline.RunAsync(reviews.Vms, body, kind));
        }
    }

    private static void Time(string stage, Func<object?> action) =>
        TimeAsync(stage, () => Task.FromResult(action())).GetAwaiter().GetResult();

    private static async Task TimeAsync<T>(string stage, Func<Task<T>> action)
    {
        for (var i = 0; i < Rounds / 4; i++)
        {
            await action();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            await action();
        }
        Console.WriteLine($"{stage}: {watch.Elapsed.TotalMicroseconds / Rounds:F1} us, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / Rounds} bytes");
    }
}

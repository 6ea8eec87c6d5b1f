using System.Diagnostics;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Benchmarks;

/// <summary>A rough in-process timing of the review pipeline (seconds, not minutes): a smoke check before BenchmarkDotNet.</summary>
internal static class QuickTiming
{
    public static async Task RunAsync()
    {
        var reviewers = ReviewInputs.Reviewers(new SnapshotSource(ReviewInputs.Cluster(0)));
        var vms = reviewers.Single(r => r.Resource == "virtualmachines");
        var body = ReviewInputs.HotplugReview();
        foreach (var kind in new[] { WebhookKind.Validate, WebhookKind.Mutate })
        {
            for (var i = 0; i < 20_000; i++)
            {
                await ReviewPipeline.RunAsync(vms, body, kind);
            }
            var watch = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            const int Rounds = 20_000;
            for (var i = 0; i < Rounds; i++)
            {
                await ReviewPipeline.RunAsync(vms, body, kind);
            }
            Console.WriteLine($"{kind}: {watch.Elapsed.TotalMicroseconds / Rounds:F1} us per review, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / Rounds} bytes");
        }
    }
}

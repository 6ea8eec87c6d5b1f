using System.Diagnostics;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// Issue 13's cost figure in process (no socket): the 6,000-interface hot-plug and the removal of 4,000 plugged bridge
/// interfaces outright, each on both endpoints, against the seed's ordinary hot-plug review on the same endpoint. Prints
/// the mean CPU time (the process's, so the collector's work counts too), bytes allocated per review and per body byte,
/// and the CPU-time ratio to the ordinary review. Allocation counts are exact; CPU times suffer less than wall time from
/// a busy machine, but still some (caches, frequency).
/// </summary>
internal static class WorstCaseTiming
{
    public static async Task RunAsync(string[] args)
    {
        var stages = args.Contains("--stages");
        var profile = args.Contains("--mutate-only");
        var counts = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var hotplug = counts.Length > 0 ? int.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture) : 6_000;
        var removal = counts.Length > 1 ? int.Parse(counts[1], System.Globalization.CultureInfo.InvariantCulture) : 4_000;
        var reviews = new BenchmarkReviews(0);
        var ordinary = reviews.Hotplug;
        var cases = new (string Name, byte[] Body)[]
        {
            ($"hot-plug of {hotplug} interfaces without binding", WorstCaseReviews.HotplugMany(ordinary, hotplug)),
            ($"removal of {removal} plugged bridge interfaces", WorstCaseReviews.RemoveManyOutright(ordinary, removal)),
        };
        if (profile)
        {
            // Loops of the two mutations alone, to run under perf or dotnet-trace.
            await MeasureAsync(reviews.Vms, cases[0].Body, WebhookKind.Mutate, 100);
            await MeasureAsync(reviews.Vms, cases[1].Body, WebhookKind.Mutate, 100);
            return;
        }
        if (args.Contains("--loh"))
        {
            await WorstCaseLargeObjects.RunAsync(reviews.Vms, cases);
            return;
        }
        if (stages)
        {
            foreach (var kind in new[] { WebhookKind.Mutate, WebhookKind.Validate })
            {
                foreach (var (name, body) in cases)
                {
                    await WorstCaseStages.RunAsync(reviews.Vms, body, name, kind);
                }
            }
            return;
        }
        foreach (var kind in new[] { WebhookKind.Mutate, WebhookKind.Validate })
        {
            var (baseTime, baseBytes) = await MeasureAsync(reviews.Vms, ordinary, kind, 20_000);
            Console.WriteLine($"{kind}: ordinary review ({ordinary.Length} bytes): {baseTime:F1} us CPU, {baseBytes} bytes allocated");
            foreach (var (name, body) in cases)
            {
                var (time, bytes) = await MeasureAsync(reviews.Vms, body, kind, 40);
                Console.WriteLine($"{kind}: {name} ({body.Length} bytes): {time / 1000:F1} ms CPU, {bytes} bytes allocated "
                    + $"({(double)bytes / body.Length:F1} per body byte), {time / baseTime:F0} ordinary reviews");
            }
        }
    }

    private static async Task<(double Microseconds, long Bytes)> MeasureAsync(IAdmissionReviewer reviewer, byte[] body, WebhookKind kind, int rounds)
    {
        // Warm up past the JIT's tiering (30 calls, then a recompile on a background thread after 100 ms of quiet; loops
        // through on-stack replacement), so both reviews run optimized code, as the image's Native AOT build always does,
        // and the measurement does not pay for the JIT's own work: with 2 warm-up rounds the large reviews ran mostly
        // tier-0 code, and the ordinary review's 1,000 warm-up rounds (15 ms) ended before the recompiles did.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < Math.Max(rounds / 4, 30) || warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            await ReviewPipeline.RunAsync(reviewer, body, kind);
        }
        using var process = Process.GetCurrentProcess();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var cpu = process.TotalProcessorTime;
        for (var i = 0; i < rounds; i++)
        {
            await ReviewPipeline.RunAsync(reviewer, body, kind);
        }
        process.Refresh();
        if (Environment.GetEnvironmentVariable("WORST_GC_COUNTS") is not null)
        {
            Console.WriteLine($"  collections per review: gen0 {(double)(GC.CollectionCount(0) - collections.Item1) / rounds:F2}, "
                + $"gen1 {(double)(GC.CollectionCount(1) - collections.Item2) / rounds:F2}, gen2 {(double)(GC.CollectionCount(2) - collections.Item3) / rounds:F2}");
        }
        return ((process.TotalProcessorTime - cpu).TotalMicroseconds / rounds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / rounds);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// <c>worst --loh</c>: which types a large review allocates on the large-object heap (each such allocation brings the
/// next full collection closer, the image's GC settings being what they are). The runtime's allocation-tick event
/// samples an allocation about every 100 KB; it names the type and whether the object was large, so the counts are
/// samples, and a type's share of them is its share of the bytes.
/// </summary>
internal static class WorstCaseLargeObjects
{
    public static async Task RunAsync(IAdmissionReviewer reviewer, (string Name, byte[] Body)[] cases)
    {
        foreach (var kind in new[] { WebhookKind.Mutate, WebhookKind.Validate })
        {
            foreach (var (name, body) in cases)
            {
                for (var i = 0; i < 40; i++)
                {
                    await ReviewPipeline.RunAsync(reviewer, body, kind);
                }
                using var listener = new AllocationListener();
                for (var i = 0; i < 20; i++)
                {
                    await ReviewPipeline.RunAsync(reviewer, body, kind);
                }
                listener.Dispose();
                Console.WriteLine($"{kind}: {name}: samples per review, large-object heap / small:");
                foreach (var (type, counts) in listener.Samples.OrderByDescending(p => p.Value[1] * 1000 + p.Value[0]).Take(12))
                {
                    Console.WriteLine($"  {counts[1] / 20.0,6:F2} / {counts[0] / 20.0,6:F2}  {type}");
                }
            }
        }
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, int[]> Samples { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }
            var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var large = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationKind")], System.Globalization.CultureInfo.InvariantCulture) == 1;
            var counts = Samples.GetOrAdd(type, _ => new int[2]);
            Interlocked.Increment(ref counts[large ? 1 : 0]);
        }
    }
}

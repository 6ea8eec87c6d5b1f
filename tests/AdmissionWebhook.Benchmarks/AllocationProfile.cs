using System.Diagnostics.Tracing;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// Which types a stage of the hot-plug review allocates, from the runtime's own sampling (the GC's AllocationTick
/// event, one sample per ~100 KB allocated, via an in-process EventPipe listener): run a stage often enough for
/// thousands of samples and count them by type. The profile issue 14's rule-engine work was steered by.
/// </summary>
internal static class AllocationProfile
{
    private const int Rounds = 100_000;

    public static void Run(string stage)
    {
        // The interface-dense reviews run a thousandth as often (each is thousands of ordinary ones); "vm-mutate-compact"
        // is an ordinary review and must not match their prefixes.
        var large = stage.StartsWith("vm-review-6000", StringComparison.Ordinal)
            || stage is "vm-mutate-hotplug" or "vm-mutate-removal"
            || (stage.StartsWith("vm-validate-", StringComparison.Ordinal) && !stage.EndsWith("-compact", StringComparison.Ordinal));
        var rounds = large ? Rounds / 1000 : Rounds;
        var action = Stage(stage);
        for (var i = 0; i < rounds / 10; i++)
        {
            action();
        }
        using var listener = new AllocationListener();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < rounds; i++)
        {
            action();
        }
        var perRound = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        Console.WriteLine($"{stage}: {perRound} bytes per round; sampled types (share of samples):");
        var total = Math.Max(1, listener.Samples.Values.Sum());
        foreach (var (type, count) in listener.Samples.OrderByDescending(s => s.Value).Take(30))
        {
            Console.WriteLine($"  {100.0 * count / total,5:F1} %  ~{perRound * count / total,5} B  {type}");
        }
    }

    /// <summary>The stage named <paramref name="stage"/> as one call (also what <see cref="ProfileLoop"/> repeats).</summary>
    public static Func<object> Stage(string stage)
    {
        var services = ReviewInputs.Services(ReviewInputs.Cluster(0));
        var reviews = new BenchmarkReviews(services);
        var vm = new ReviewStages<VirtualMachine>(services, reviews.Vms, reviews.Hotplug);
        var vmCompact = new ReviewStages<VirtualMachine>(services, reviews.Vms, reviews.HotplugCompact);
        var nad = new ReviewStages<NetworkAttachmentDefinition>(services, reviews.Nads, reviews.NadCreate);
        var subnet = new ReviewStages<Subnet>(services, reviews.Subnets, reviews.SubnetCreate);
        var large = ReviewInputs.HotplugReview(6_000);
        var hotplugMany = new Lazy<byte[]>(() => WorstCaseReviews.HotplugMany(reviews.Hotplug, 6_000));
        var removalMany = new Lazy<byte[]>(() => WorstCaseReviews.RemoveManyOutright(reviews.Hotplug, 4_000));
        return stage switch
        {
            "vm-read" => () => vm.Read(),
            "vm-read-compact" => () => vmCompact.Read(),
            "vm-tokenize-compact" => () => vmCompact.Tokenize(),
            "vm-read-document" => () => vm.ReadThroughDocument(),
            "vm-decode" => () => vm.Decode(),
            "vm-decode-compact" => () => vmCompact.Decode(),
            "vm-rules" => () => vm.Rules(vm.Current with { }),
            "nad-rules" => () => nad.Rules(nad.Current with { }),
            "subnet-rules" => () => subnet.Rules(subnet.Current with { }),
            "vm-review" => () => ReviewPipeline.RunAsync(reviews.Vms, reviews.Hotplug, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            "vm-review-compact" => () => ReviewPipeline.RunAsync(reviews.Vms, reviews.HotplugCompact, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            "vm-mutate-compact" => () => ReviewPipeline.RunAsync(reviews.Vms, reviews.HotplugCompact, Admission.WebhookKind.Mutate).GetAwaiter().GetResult(),
            "nad-review" => () => ReviewPipeline.RunAsync(reviews.Nads, reviews.NadCreate, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            "subnet-review" => () => ReviewPipeline.RunAsync(reviews.Subnets, reviews.SubnetCreate, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            "vm-review-document" => () => ReviewPipeline.RunAsync(reviews.Vms, reviews.Hotplug, Admission.WebhookKind.Validate, BodyReading.Document).GetAwaiter().GetResult(),
            "vm-review-6000" => () => ReviewPipeline.RunAsync(reviews.Vms, large, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            // Issue 13's two mutate cost cases, the whole review (as `worst` times them).
            "vm-mutate-hotplug" => () => ReviewPipeline.RunAsync(reviews.Vms, hotplugMany.Value, Admission.WebhookKind.Mutate).GetAwaiter().GetResult(),
            "vm-mutate-removal" => () => ReviewPipeline.RunAsync(reviews.Vms, removalMany.Value, Admission.WebhookKind.Mutate).GetAwaiter().GetResult(),
            // The same two on the validating endpoint.
            "vm-validate-hotplug" => () => ReviewPipeline.RunAsync(reviews.Vms, hotplugMany.Value, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            "vm-validate-removal" => () => ReviewPipeline.RunAsync(reviews.Vms, removalMany.Value, Admission.WebhookKind.Validate).GetAwaiter().GetResult(),
            "vm-mutate" => () => ReviewPipeline.RunAsync(reviews.Vms, reviews.Hotplug, Admission.WebhookKind.Mutate).GetAwaiter().GetResult(),
            _ => throw new ArgumentException($"unknown stage {stage}: vm-read, vm-read-compact, vm-tokenize-compact, vm-read-document, vm-decode-compact, vm-review-compact, vm-mutate-compact, nad-review, subnet-review, vm-review-document, vm-decode, vm-rules, nad-rules, subnet-rules, vm-review, vm-review-6000, vm-mutate, vm-mutate-hotplug, vm-mutate-removal, vm-validate-hotplug, vm-validate-removal"),
        };
    }

    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public Dictionary<string, int> Samples { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }
            var index = eventData.PayloadNames!.IndexOf("TypeName");
            var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
            lock (Samples)
            {
                Samples[type] = Samples.GetValueOrDefault(type) + 1;
            }
        }
    }
}

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
        // The samples of the thread that ran the stage, the one with most of them: the listener's own dispatch thread
        // allocates too (its event payloads: boxed integers, object arrays, buffers), and those are no part of the stage.
        var samples = listener.SamplesOfBusiestThread(out var elsewhere);
        Console.WriteLine($"{stage}: {perRound} bytes per round; sampled types (share of the stage thread's samples; {elsewhere} samples on other threads left out):");
        var total = Math.Max(1, samples.Values.Sum());
        foreach (var (type, count) in samples.OrderByDescending(s => s.Value).Take(30))
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
            "vm-tokenize-compact" => () => Unboxed(vmCompact.Tokenize()),
            "vm-read-document" => () => vm.ReadThroughDocument(),
            "vm-decode" => () => vm.Decode(),
            "vm-decode-compact" => () => vmCompact.Decode(),
            "vm-rules" => () => vm.Rules(vm.Current with { }),
            "nad-rules" => () => nad.Rules(nad.Current with { }),
            "subnet-rules" => () => subnet.Rules(subnet.Current with { }),
            // The answer alone: an allowed review's response, written as the transport writes it.
            "encode-allowed" => () => Unboxed(ReviewPipeline.Encode(vmCompact.Request, Admission.AdmissionDecision.Allowed)),
            "vm-review" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, reviews.Hotplug, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            "vm-review-compact" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, reviews.HotplugCompact, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            "vm-mutate-compact" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, reviews.HotplugCompact, Admission.WebhookKind.Mutate).GetAwaiter().GetResult()),
            "nad-review" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Nads, reviews.NadCreate, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            "subnet-review" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Subnets, reviews.SubnetCreate, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            "vm-review-document" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, reviews.Hotplug, Admission.WebhookKind.Validate, BodyReading.Document).GetAwaiter().GetResult()),
            "vm-review-6000" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, large, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            // Issue 13's two mutate cost cases, the whole review (as `worst` times them).
            "vm-mutate-hotplug" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, hotplugMany.Value, Admission.WebhookKind.Mutate).GetAwaiter().GetResult()),
            "vm-mutate-removal" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, removalMany.Value, Admission.WebhookKind.Mutate).GetAwaiter().GetResult()),
            // The same two on the validating endpoint.
            "vm-validate-hotplug" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, hotplugMany.Value, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            "vm-validate-removal" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, removalMany.Value, Admission.WebhookKind.Validate).GetAwaiter().GetResult()),
            "vm-mutate" => () => Unboxed(ReviewPipeline.RunAsync(reviews.Vms, reviews.Hotplug, Admission.WebhookKind.Mutate).GetAwaiter().GetResult()),
            _ => throw new ArgumentException($"unknown stage {stage}: vm-read, vm-read-compact, vm-tokenize-compact, encode-allowed, vm-read-document, vm-decode-compact, vm-review-compact, vm-mutate-compact, nad-review, subnet-review, vm-review-document, vm-decode, vm-rules, nad-rules, subnet-rules, vm-review, vm-review-6000, vm-mutate, vm-mutate-hotplug, vm-mutate-removal, vm-validate-hotplug, vm-validate-removal"),
        };
    }

    private static readonly object Answered = new();

    // A stage's int result (an answer's length) returned as the same object every time: boxing it made the stage allocate
    // 24 bytes the review does not (the "boxed Int32" of earlier profiles).
    private static object Unboxed(int length) => length >= 0 ? Answered : throw new InvalidOperationException("a negative answer length");

    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        // Per emitting thread, per type.
        private readonly Dictionary<long, Dictionary<string, int>> _samples = [];

        public Dictionary<string, int> SamplesOfBusiestThread(out int elsewhere)
        {
            lock (_samples)
            {
                var busiest = _samples.Values.MaxBy(types => types.Values.Sum()) ?? [];
                elsewhere = _samples.Values.Sum(types => types.Values.Sum()) - busiest.Values.Sum();
                return new Dictionary<string, int>(busiest);
            }
        }

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
            lock (_samples)
            {
                if (!_samples.TryGetValue(eventData.OSThreadId, out var types))
                {
                    _samples[eventData.OSThreadId] = types = [];
                }
                types[type] = types.GetValueOrDefault(type) + 1;
            }
        }
    }
}

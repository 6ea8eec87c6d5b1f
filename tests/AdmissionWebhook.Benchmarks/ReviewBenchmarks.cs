using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// One review of each resource through the transport's reading, decode, rules and encode, with allocations; each also
/// through the whole-body document the transport read with before (the A/B of issue 14f in one run).
/// </summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private BenchmarkReviews _reviews = null!;

    [Params(BodyReading.Transport, BodyReading.Document)]
    public BodyReading Reading { get; set; }

    [GlobalSetup]
    public void Setup() => _reviews = new BenchmarkReviews(0);

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<int> VmHotplugValidate() => ReviewPipeline.RunAsync(_reviews.Vms, _reviews.Hotplug, WebhookKind.Validate, Reading);

    [Benchmark(Description = "VM hot-plug UPDATE, mutate")]
    public Task<int> VmHotplugMutate() => ReviewPipeline.RunAsync(_reviews.Vms, _reviews.Hotplug, WebhookKind.Mutate, Reading);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<int> NadCreateValidate() => ReviewPipeline.RunAsync(_reviews.Nads, _reviews.NadCreate, WebhookKind.Validate, Reading);

    [Benchmark(Description = "Subnet CREATE, validate")]
    public Task<int> SubnetCreateValidate() => ReviewPipeline.RunAsync(_reviews.Subnets, _reviews.SubnetCreate, WebhookKind.Validate, Reading);
}

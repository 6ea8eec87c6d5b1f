using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>One review of each resource through decode, rules and encode, with allocations.</summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private BenchmarkReviews _reviews = null!;

    [GlobalSetup]
    public void Setup() => _reviews = new BenchmarkReviews(0);

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<byte[]> VmHotplugValidate() => ReviewPipeline.RunAsync(_reviews.Vms, _reviews.Hotplug, WebhookKind.Validate);

    [Benchmark(Description = "VM hot-plug UPDATE, mutate")]
    public Task<byte[]> VmHotplugMutate() => ReviewPipeline.RunAsync(_reviews.Vms, _reviews.Hotplug, WebhookKind.Mutate);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<byte[]> NadCreateValidate() => ReviewPipeline.RunAsync(_reviews.Nads, _reviews.NadCreate, WebhookKind.Validate);

    [Benchmark(Description = "Subnet CREATE, validate")]
    public Task<byte[]> SubnetCreateValidate() => ReviewPipeline.RunAsync(_reviews.Subnets, _reviews.SubnetCreate, WebhookKind.Validate);
}

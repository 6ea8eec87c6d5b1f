using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>Decision time of the seed's reviews with 10 and with 100,000 NADs and Subnets in the cluster view.</summary>
[MemoryDiagnoser]
public class ClusterSizeBenchmarks
{
    private BenchmarkReviews _reviews = null!;

    [Params(10, 100_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup() => _reviews = new BenchmarkReviews(Objects);

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<int> VmHotplugValidate() => ReviewPipeline.RunAsync(_reviews.Vms, _reviews.Hotplug, WebhookKind.Validate);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<int> NadCreateValidate() => ReviewPipeline.RunAsync(_reviews.Nads, _reviews.NadCreate, WebhookKind.Validate);

    /// <summary>The CIDR-overlap rule compares with every Subnet: this one grows with the cluster.</summary>
    [Benchmark(Description = "Subnet CREATE, validate")]
    public Task<int> SubnetCreateValidate() => ReviewPipeline.RunAsync(_reviews.Subnets, _reviews.SubnetCreate, WebhookKind.Validate);
}

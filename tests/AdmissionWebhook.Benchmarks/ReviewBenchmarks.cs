using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// One review of each resource through the transport's reading, decode, rules and encode, with allocations; each also
/// through the whole-body document the transport read with before (the A/B of issue 14f in one run), each body compact
/// (what the API server sends) and indented (the seed review as the repository keeps it).
/// </summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private BenchmarkReviews _reviews = null!;

    [Params(BodyReading.Transport, BodyReading.Document)]
    public BodyReading Reading { get; set; }

    /// <summary>Compact is what the API server sends; indented is the repository's seed review, the rows measured before.</summary>
    [Params(BodyLayout.Compact, BodyLayout.Indented)]
    public BodyLayout Layout { get; set; }

    private byte[] _hotplug = null!;
    private byte[] _nadCreate = null!;
    private byte[] _subnetCreate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reviews = new BenchmarkReviews(0);
        _hotplug = _reviews.HotplugIn(Layout);
        _nadCreate = _reviews.NadCreateIn(Layout);
        _subnetCreate = _reviews.SubnetCreateIn(Layout);
    }

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<int> VmHotplugValidate() => ReviewPipeline.RunAsync(_reviews.Vms, _hotplug, WebhookKind.Validate, Reading);

    [Benchmark(Description = "VM hot-plug UPDATE, mutate")]
    public Task<int> VmHotplugMutate() => ReviewPipeline.RunAsync(_reviews.Vms, _hotplug, WebhookKind.Mutate, Reading);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<int> NadCreateValidate() => ReviewPipeline.RunAsync(_reviews.Nads, _nadCreate, WebhookKind.Validate, Reading);

    [Benchmark(Description = "Subnet CREATE, validate")]
    public Task<int> SubnetCreateValidate() => ReviewPipeline.RunAsync(_reviews.Subnets, _subnetCreate, WebhookKind.Validate, Reading);
}

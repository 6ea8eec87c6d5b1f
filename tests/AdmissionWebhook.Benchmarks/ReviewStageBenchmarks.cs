using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// The stages of <see cref="ReviewBenchmarks"/> measured alone (read, decode, rules on decoded models, encode), so the
/// README can say which part of a review costs what and which part meets issue 14's targets.
/// </summary>
[MemoryDiagnoser]
public class ReviewStageBenchmarks
{
    private ReviewStages<VirtualMachine> _vm = null!;
    private ReviewStages<VirtualMachine> _vmCompact = null!;
    private ReviewStages<NetworkAttachmentDefinition> _nad = null!;
    private ReviewStages<Subnet> _subnet = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = ReviewInputs.Services(ReviewInputs.Cluster(0));
        var reviews = new BenchmarkReviews(services);
        _vm = new ReviewStages<VirtualMachine>(services, reviews.Vms, reviews.Hotplug);
        _vmCompact = new ReviewStages<VirtualMachine>(services, reviews.Vms, reviews.HotplugCompact);
        _nad = new ReviewStages<NetworkAttachmentDefinition>(services, reviews.Nads, reviews.NadCreate);
        _subnet = new ReviewStages<Subnet>(services, reviews.Subnets, reviews.SubnetCreate);
    }

    // The transport's read of the seed review (since issue 14h it decodes object and oldObject in its pass): indented, as
    // the repository keeps the seed, and compact, as the API server sends a review.
    [Benchmark(Description = "VM hot-plug: read the body (checks + AdmissionReview), indented")]
    public AdmissionRequest VmRead() => _vm.Read();

    [Benchmark(Description = "VM hot-plug: read the body (checks + AdmissionReview), compact")]
    public AdmissionRequest VmReadCompact() => _vmCompact.Read();

    // The floor under the read: a bare Utf8JsonReader over the same compact body, every token and nothing else.
    [Benchmark(Description = "VM hot-plug: tokenize the compact body (Utf8JsonReader alone, the floor)")]
    public int VmReadCompactTokenizeOnly() => _vmCompact.Tokenize();

    [Benchmark(Description = "VM hot-plug: read the body through a document (before)")]
    public AdmissionRequest VmReadThroughDocument() => _vm.ReadThroughDocument();

    // The reviewer's separate decode of the objects' text: the whole decode before issue 14h, its fallback since.
    [Benchmark(Description = "VM hot-plug: typed decode (object + oldObject), indented")]
    public (VirtualMachine, VirtualMachine?) VmDecode() => _vm.Decode();

    [Benchmark(Description = "VM hot-plug: typed decode (object + oldObject), compact")]
    public (VirtualMachine, VirtualMachine?) VmDecodeCompact() => _vmCompact.Decode();

    // A fresh (shallow) copy per call, so the name index the rules build once per object is rebuilt and counted.
    [Benchmark(Description = "VM hot-plug: rules on decoded models")]
    public int VmRules() => _vm.Rules(_vm.Current with { });

    [Benchmark(Description = "VM hot-plug: encode the answer")]
    public int VmEncode() => _vm.Encode();

    [Benchmark(Description = "NAD CREATE: typed decode")]
    public (NetworkAttachmentDefinition, NetworkAttachmentDefinition?) NadDecode() => _nad.Decode();

    [Benchmark(Description = "NAD CREATE: rules on decoded model")]
    public int NadRules() => _nad.Rules(_nad.Current with { });

    [Benchmark(Description = "Subnet CREATE: typed decode")]
    public (Subnet, Subnet?) SubnetDecode() => _subnet.Decode();

    [Benchmark(Description = "Subnet CREATE: rules on decoded model")]
    public int SubnetRules() => _subnet.Rules(_subnet.Current with { });
}

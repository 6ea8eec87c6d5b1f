using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>One review of each resource through decode, rules and encode, with allocations.</summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private IAdmissionReviewer _vms = null!;
    private IAdmissionReviewer _nads = null!;
    private IAdmissionReviewer _subnets = null!;
    private byte[] _hotplug = null!;
    private byte[] _nadCreate = null!;
    private byte[] _subnetCreate = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reviewers = ReviewInputs.Reviewers(new SnapshotSource(ReviewInputs.Cluster(0)));
        _vms = reviewers.Single(r => r.Resource == "virtualmachines");
        _nads = reviewers.Single(r => r.Resource == "network-attachment-definitions");
        _subnets = reviewers.Single(r => r.Resource == "subnets");
        _hotplug = ReviewInputs.HotplugReview();
        _nadCreate = ReviewInputs.CreateReview("NetworkAttachmentDefinition", "k8s.cni.cncf.io", "network-attachment-definitions");
        _subnetCreate = ReviewInputs.CreateReview("Subnet", "kubeovn.io", "subnets");
    }

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<byte[]> VmHotplugValidate() => ReviewPipeline.RunAsync(_vms, _hotplug, WebhookKind.Validate);

    [Benchmark(Description = "VM hot-plug UPDATE, mutate")]
    public Task<byte[]> VmHotplugMutate() => ReviewPipeline.RunAsync(_vms, _hotplug, WebhookKind.Mutate);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<byte[]> NadCreateValidate() => ReviewPipeline.RunAsync(_nads, _nadCreate, WebhookKind.Validate);

    [Benchmark(Description = "Subnet CREATE, validate")]
    public Task<byte[]> SubnetCreateValidate() => ReviewPipeline.RunAsync(_subnets, _subnetCreate, WebhookKind.Validate);
}

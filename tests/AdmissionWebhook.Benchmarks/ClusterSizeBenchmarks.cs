using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>Decision time of the seed's reviews with 10 and with 100,000 NADs and Subnets in the cluster view.</summary>
[MemoryDiagnoser]
public class ClusterSizeBenchmarks
{
    private IAdmissionReviewer _vms = null!;
    private IAdmissionReviewer _nads = null!;
    private IAdmissionReviewer _subnets = null!;
    private byte[] _hotplug = null!;
    private byte[] _nadCreate = null!;
    private byte[] _subnetCreate = null!;

    [Params(10, 100_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var reviewers = ReviewInputs.Reviewers(new SnapshotSource(ReviewInputs.Cluster(Objects)));
        _vms = reviewers.Single(r => r.Resource == "virtualmachines");
        _nads = reviewers.Single(r => r.Resource == "network-attachment-definitions");
        _subnets = reviewers.Single(r => r.Resource == "subnets");
        _subnetCreate = ReviewInputs.CreateReview("Subnet", "kubeovn.io", "subnets");
        _hotplug = ReviewInputs.HotplugReview();
        _nadCreate = ReviewInputs.CreateReview("NetworkAttachmentDefinition", "k8s.cni.cncf.io", "network-attachment-definitions");
    }

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<byte[]> VmHotplugValidate() => ReviewPipeline.RunAsync(_vms, _hotplug, WebhookKind.Validate);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<byte[]> NadCreateValidate() => ReviewPipeline.RunAsync(_nads, _nadCreate, WebhookKind.Validate);

    /// <summary>The CIDR-overlap rule compares with every Subnet: this one grows with the cluster.</summary>
    [Benchmark(Description = "Subnet CREATE, validate")]
    public Task<byte[]> SubnetCreateValidate() => ReviewPipeline.RunAsync(_subnets, _subnetCreate, WebhookKind.Validate);
}

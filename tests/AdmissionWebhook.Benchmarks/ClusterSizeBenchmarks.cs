using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>Decision time of the seed's reviews with 10 and with 100,000 NADs and Subnets in the cluster view.</summary>
[MemoryDiagnoser]
public class ClusterSizeBenchmarks
{
    private IAdmissionReviewer _vms = null!;
    private IAdmissionReviewer _nads = null!;
    private byte[] _hotplug = null!;
    private byte[] _nadCreate = null!;

    [Params(10, 100_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var reviewers = ReviewInputs.Reviewers(new SnapshotSource(ReviewInputs.Cluster(Objects)));
        _vms = reviewers.Single(r => r.Resource == "virtualmachines");
        _nads = reviewers.Single(r => r.Resource == "network-attachment-definitions");
        _hotplug = ReviewInputs.HotplugReview();
        _nadCreate = ReviewInputs.CreateReview("NetworkAttachmentDefinition", "k8s.cni.cncf.io", "network-attachment-definitions");
    }

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<byte[]> VmHotplugValidate() => ReviewPipeline.RunAsync(_vms, _hotplug, WebhookKind.Validate);

    [Benchmark(Description = "NAD CREATE, validate")]
    public Task<byte[]> NadCreateValidate() => ReviewPipeline.RunAsync(_nads, _nadCreate, WebhookKind.Validate);
}

using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Benchmarks;

/// <summary>The three reviewers of the real composition over a cluster of a given size, and the seed's review bodies.</summary>
internal sealed class BenchmarkReviews
{
    public BenchmarkReviews(int extraObjects)
        : this(ReviewInputs.Services(ReviewInputs.Cluster(extraObjects)))
    {
    }

    public BenchmarkReviews(IServiceProvider services)
    {
        var reviewers = ReviewInputs.Reviewers(services);
        Vms = reviewers.Single(r => r.Resource == "virtualmachines");
        Nads = reviewers.Single(r => r.Resource == "network-attachment-definitions");
        Subnets = reviewers.Single(r => r.Resource == "subnets");
    }

    public IAdmissionReviewer Vms { get; }

    public IAdmissionReviewer Nads { get; }

    public IAdmissionReviewer Subnets { get; }

    public byte[] Hotplug { get; } = ReviewInputs.HotplugReview();

    public byte[] NadCreate { get; } = ReviewInputs.CreateReview("NetworkAttachmentDefinition", "k8s.cni.cncf.io", "network-attachment-definitions");

    public byte[] SubnetCreate { get; } = ReviewInputs.CreateReview("Subnet", "kubeovn.io", "subnets");
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    /// <summary>The seed's hot-plug review as the repository keeps it: indented (3.9 KB).</summary>
    public byte[] Hotplug { get; } = ReviewInputs.HotplugReview();

    /// <summary>The same review written compactly, as the API server sends it (Go's encoding/json writes no whitespace).</summary>
    public byte[] HotplugCompact { get; } = Layout(ReviewInputs.HotplugReview(), indented: false);

    /// <summary>A NAD CREATE review, compact as the API server sends it.</summary>
    public byte[] NadCreate { get; } = ReviewInputs.CreateReview("NetworkAttachmentDefinition", "k8s.cni.cncf.io", "network-attachment-definitions");

    /// <summary>A Subnet CREATE review, compact as the API server sends it.</summary>
    public byte[] SubnetCreate { get; } = ReviewInputs.CreateReview("Subnet", "kubeovn.io", "subnets");

    /// <summary>The hot-plug review in the given layout.</summary>
    public byte[] HotplugIn(BodyLayout layout) => layout == BodyLayout.Compact ? HotplugCompact : Hotplug;

    /// <summary>A NAD CREATE review in the given layout.</summary>
    public byte[] NadCreateIn(BodyLayout layout) => layout == BodyLayout.Compact ? NadCreate : Layout(NadCreate, indented: true);

    /// <summary>A Subnet CREATE review in the given layout.</summary>
    public byte[] SubnetCreateIn(BodyLayout layout) => layout == BodyLayout.Compact ? SubnetCreate : Layout(SubnetCreate, indented: true);

    /// <summary>The same JSON, members in the same order, written with or without indentation.</summary>
    private static byte[] Layout(byte[] json, bool indented)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// How a benchmark's review body is written: compact, as the API server sends it (what production sees), or indented,
/// as the repository's seed review is (the rows measured before issue 14h).
/// </summary>
public enum BodyLayout
{
    Compact,
    Indented,
}

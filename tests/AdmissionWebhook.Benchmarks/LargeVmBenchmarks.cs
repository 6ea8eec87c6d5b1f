using AdmissionWebhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// A VM hot-plug validate (decode, rules, encode) with the seed's 2 interfaces and with 6,000: issue 13 wants the
/// large review to cost no more than about 100 ordinary ones. The mutate row hot-plugs that many interfaces without a
/// binding (issue 13's cost case, as <c>worst</c> builds it), so the patch has two operations per interface.
/// </summary>
[MemoryDiagnoser]
public class LargeVmBenchmarks
{
    private BenchmarkReviews _reviews = null!;
    private byte[] _body = null!;
    private byte[] _withoutBinding = null!;

    /// <summary>Interfaces of the new object; the old object lacks the last one (one hot-plugged interface).</summary>
    [Params(2, 6_000)]
    public int Interfaces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _reviews = new BenchmarkReviews(0);
        _body = ReviewInputs.HotplugReview(Interfaces);
        _withoutBinding = WorstCaseReviews.HotplugMany(_reviews.Hotplug, Interfaces);
    }

    [Benchmark(Description = "VM hot-plug UPDATE, validate")]
    public Task<int> VmHotplugValidate() => ReviewPipeline.RunAsync(_reviews.Vms, _body, WebhookKind.Validate);

    [Benchmark(Description = "VM hot-plug without binding, mutate")]
    public Task<int> VmHotplugWithoutBindingMutate() => ReviewPipeline.RunAsync(_reviews.Vms, _withoutBinding, WebhookKind.Mutate);
}

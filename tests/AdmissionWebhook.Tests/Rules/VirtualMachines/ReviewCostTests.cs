using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// A review's cost grows linearly with the VM (issue #13: the mutator copied the whole object for every patch
/// operation, so 6,000 hot-plugged interfaces cost 11.7 s of CPU). Cost is measured as bytes allocated on the test's
/// thread, not time: quadrupling the VM must not multiply the allocations by much more than four (a quadratic review
/// multiplies them by sixteen). The in-memory cluster answers synchronously, so the whole review runs on this thread.
/// </summary>
public sealed class ReviewCostTests
{
    private const int Small = 300;
    private const int Large = 4 * Small;
    private const double LinearRatioCeiling = 8;

    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    [Fact]
    public async Task Hot_plugging_many_interfaces_without_binding_costs_linear_in_their_number()
    {
        var small = await AllocatedByReviewsAsync(HotPlugMany(Small));
        var large = await AllocatedByReviewsAsync(HotPlugMany(Large));

        Assert.True(large < LinearRatioCeiling * small, $"{Small} interfaces allocated {small} bytes, {Large} allocated {large} bytes");
    }

    [Fact]
    public async Task Removing_many_plugged_interfaces_outright_costs_linear_in_their_number()
    {
        var small = await AllocatedByReviewsAsync(RemoveManyOutright(Small));
        var large = await AllocatedByReviewsAsync(RemoveManyOutright(Large));

        Assert.True(large < LinearRatioCeiling * small, $"{Small} interfaces allocated {small} bytes, {Large} allocated {large} bytes");
    }

    [Fact]
    public async Task A_large_hot_plug_is_patched_with_a_bridge_per_interface()
    {
        var decision = await _harness.MutateAsync(HotPlugMany(Large));

        var patch = Assert.IsType<AdmissionDecision.Patch>(decision);
        Assert.Equal(Large, patch.Operations.Count(o => o.Op == "add"));
    }

    private async Task<long> AllocatedByReviewsAsync(AdmissionRequest request)
    {
        // Warm up first (JIT, caches) so both sizes pay only for the review itself.
        await _harness.MutateAsync(request);
        await _harness.ValidateAsync(request);
        var before = GC.GetAllocatedBytesForCurrentThread();
        await _harness.MutateAsync(request);
        await _harness.ValidateAsync(request);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

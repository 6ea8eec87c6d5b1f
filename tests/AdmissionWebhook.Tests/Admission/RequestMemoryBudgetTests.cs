using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>The memory budget's reservations, and the capacity the composition root gives it.</summary>
public sealed class RequestMemoryBudgetTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_review_that_does_not_fit_beside_the_others_is_refused_when_its_wait_runs_out_and_a_small_one_still_fits()
    {
        var budget = new RequestMemoryBudget(96 * MiB);
        // A mutation body charged three quarters of the budget, whatever the factor: one fits, two do not.
        var large = ReviewHeapCost.Estimate(96 * MiB / ReviewHeapCost.MutateBytesPerBodyByte * 3 / 4, WebhookKind.Mutate);

        using var first = await budget.TryAcquireAsync(large, TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.NotNull(first);
        Assert.Equal(large, budget.InUse);

        var second = await budget.TryAcquireAsync(large, TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Null(second);

        using var ordinary = await budget.TryAcquireAsync(ReviewHeapCost.Estimate(5_000, WebhookKind.Mutate), TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.NotNull(ordinary);
    }

    [Fact]
    public async Task A_waiting_review_is_admitted_when_the_one_before_it_finishes()
    {
        var budget = new RequestMemoryBudget(96 * MiB);
        var first = await budget.TryAcquireAsync(90 * MiB, TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.NotNull(first);

        var waiting = budget.TryAcquireAsync(80 * MiB, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        first.Dispose();
        using var second = await waiting;

        Assert.NotNull(second);
        Assert.Equal(80 * MiB, budget.InUse);
    }

    [Fact]
    public void Unconfigured_the_budget_is_half_the_heap_the_gc_may_use()
    {
        using var services = TestServices.Build();

        var capacity = services.GetRequiredService<RequestMemoryBudget>().Capacity;

        Assert.Equal(Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2, ReviewHeapCost.MinimumBudgetBytes), capacity);
        // What the Deployment's 256Mi limit gives: a 192 MiB heap limit, 96 MiB for reviews.
        Assert.Equal(96 * MiB, ReviewHeapCost.DefaultBudget(192 * MiB));
    }

    [Theory]
    [InlineData("100000000", 100_000_000)]
    [InlineData("0", 16 * MiB)]
    public void A_configured_budget_overrides_the_default_but_not_the_minimum(string configured, long expected)
    {
        using var services = TestServices.Build(new Dictionary<string, string?> { ["Webhook:RequestMemoryBudgetBytes"] = configured });

        Assert.Equal(expected, services.GetRequiredService<RequestMemoryBudget>().Capacity);
    }
}

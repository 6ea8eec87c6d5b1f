using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// Every catalogue code was made to fire by some test and pinned by an exact-set assertion (<see cref="DecisionAssert"/>
/// records what its passing assertions saw). Naming a code in a test file is not enough. The class sits in a
/// collection with parallelization disabled, which xunit runs after every parallel collection has finished, so it
/// reads what the whole run observed.
/// </summary>
[Collection(nameof(EveryCodeFiresTests))]
public sealed class EveryCodeFiresTests
{
    [Fact]
    public void Every_catalogue_code_fired_in_an_exact_set_assertion()
    {
        if (ObservedCodes.Assertions == 0)
        {
            Assert.Skip("no rule test ran in this run (a filtered run): nothing to check");
        }

        var observed = ObservedCodes.Codes.ToHashSet(StringComparer.Ordinal);
        var neverFired = RuleCatalog.All.Select(r => r.Code).Where(code => !observed.Contains(code)).ToList();
        var unknown = observed.Where(code => !RuleCatalog.TryGet(code, out _)).Order(StringComparer.Ordinal).ToList();

        Assert.True(neverFired.Count == 0,
            $"no test made these codes fire and asserted the exact set they came in: {string.Join(", ", neverFired)} " +
            "(run the whole suite; a filtered run observes only part of it)");
        Assert.True(unknown.Count == 0, $"tests observed codes the catalogue lacks: {string.Join(", ", unknown)}");
    }
}

/// <summary>Runs after the parallel collections (the rule tests), alone.</summary>
[CollectionDefinition(nameof(EveryCodeFiresTests), DisableParallelization = true)]
public sealed class EveryCodeFiresCollection;

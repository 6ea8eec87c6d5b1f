using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The roll-out stages of deploy/README.md render from each overlay: stage 1 (fail-open + trial-namespace) only
/// reaches labelled namespaces and Subnets and fails open; stage 2 (fail-open) reaches everything but fails open;
/// stage 3 (the overlay alone) fails closed.
/// </summary>
public sealed class RolloutComponentsTests
{
    private const string TrialLabel = "admission-webhook.io/trial";

    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Trial_stage_reaches_only_labelled_namespaces_and_subnets_and_fails_open(string overlay)
    {
        var manifests = Manifests.Parse(Kustomize.RenderWith(Kustomize.Overlay(overlay),
            Kustomize.Component("fail-open"), Kustomize.Component("trial-namespace")));
        var baseline = Manifests.Overlay(overlay);
        Assert.All(manifests.Validating.Webhooks, h => Assert.Equal("Ignore", h.FailurePolicy));
        Assert.All(manifests.Mutating.Webhooks, h => Assert.Equal("Ignore", h.FailurePolicy));
        var hooks = manifests.Validating.Webhooks.Select(h => (h.Rules, h.NamespaceSelector, h.ObjectSelector))
            .Concat(manifests.Mutating.Webhooks.Select(h => (h.Rules, h.NamespaceSelector, h.ObjectSelector)));
        foreach (var (rules, namespaceSelector, objectSelector) in hooks)
        {
            // The system namespaces stay excluded in every stage.
            Assert.Equal(
                baseline.Validating.Webhooks[0].NamespaceSelector.MatchExpressions.Single().Values,
                namespaceSelector.MatchExpressions.Single().Values);
            if (Assert.Single(rules).Scope == "Namespaced")
            {
                Assert.Equal("true", namespaceSelector.MatchLabels[TrialLabel]);
                Assert.Null(objectSelector);
            }
            else
            {
                // Cluster-scoped Subnets have no namespace to select on: the trial opts Subnets in by label.
                Assert.Equal("true", objectSelector.MatchLabels[TrialLabel]);
                Assert.Null(namespaceSelector.MatchLabels);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Widened_stage_reaches_every_namespace_but_validation_still_fails_open(string overlay)
    {
        var manifests = Manifests.Parse(Kustomize.RenderWith(Kustomize.Overlay(overlay), Kustomize.Component("fail-open")));
        Assert.All(manifests.Validating.Webhooks, h => Assert.Equal("Ignore", h.FailurePolicy));
        Assert.All(manifests.Validating.Webhooks, h => AssertNoTrialSelector(h.NamespaceSelector, h.ObjectSelector));
        Assert.All(manifests.Mutating.Webhooks, h => AssertNoTrialSelector(h.NamespaceSelector, h.ObjectSelector));
        Assert.Equal(Manifests.Overlay(overlay).Objects.Count, manifests.Objects.Count);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Final_stage_is_the_overlay_itself_and_fails_closed(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        Assert.All(manifests.Validating.Webhooks, h => Assert.Equal("Fail", h.FailurePolicy));
        Assert.All(manifests.Validating.Webhooks, h => AssertNoTrialSelector(h.NamespaceSelector, h.ObjectSelector));
        Assert.All(manifests.Mutating.Webhooks, h => AssertNoTrialSelector(h.NamespaceSelector, h.ObjectSelector));
    }

    private static void AssertNoTrialSelector(V1LabelSelector namespaceSelector, V1LabelSelector? objectSelector)
    {
        Assert.Null(namespaceSelector.MatchLabels);
        Assert.Null(objectSelector);
    }
}

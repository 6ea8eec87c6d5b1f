using AdmissionWebhook.Admission;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The webhook configurations of every overlay against the code: one webhook per resource and kind of check, on
/// the paths and operations the descriptors declare, with the settings PROTOCOL.md §7 asks for.
/// </summary>
public sealed class WebhookConfigurationTests
{
    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Validating_webhooks_match_the_descriptors_path_resource_and_operations(string overlay)
    {
        var hooks = Manifests.Overlay(overlay).Validating.Webhooks
            .Select(h => new WebhookView(h.Name, h.ClientConfig, h.Rules)).ToList();
        AssertMatchesDescriptors(hooks, WebhookKind.Validate);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Mutating_webhooks_match_the_descriptors_path_resource_and_operations(string overlay)
    {
        var hooks = Manifests.Overlay(overlay).Mutating.Webhooks
            .Select(h => new WebhookView(h.Name, h.ClientConfig, h.Rules)).ToList();
        AssertMatchesDescriptors(hooks, WebhookKind.Mutate);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Validating_webhooks_fail_closed_with_short_timeouts(string overlay)
    {
        foreach (var hook in Manifests.Overlay(overlay).Validating.Webhooks)
        {
            Assert.Equal(["v1"], hook.AdmissionReviewVersions);
            Assert.Equal("None", hook.SideEffects);
            Assert.Equal("Equivalent", hook.MatchPolicy);
            Assert.Equal("Fail", hook.FailurePolicy);
            Assert.InRange(hook.TimeoutSeconds ?? 10, 1, 5);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Mutating_webhooks_fail_open_are_reinvoked_and_time_out_fast(string overlay)
    {
        foreach (var hook in Manifests.Overlay(overlay).Mutating.Webhooks)
        {
            Assert.Equal(["v1"], hook.AdmissionReviewVersions);
            Assert.Equal("None", hook.SideEffects);
            Assert.Equal("Equivalent", hook.MatchPolicy);
            Assert.Equal("Ignore", hook.FailurePolicy);
            Assert.Equal("IfNeeded", hook.ReinvocationPolicy);
            Assert.InRange(hook.TimeoutSeconds ?? 10, 1, 3);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_webhook_calls_the_rendered_service_on_its_port(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var port = Assert.Single(manifests.Service.Spec.Ports);
        var references = manifests.Validating.Webhooks.Select(h => h.ClientConfig)
            .Concat(manifests.Mutating.Webhooks.Select(h => h.ClientConfig)).ToList();
        Assert.Equal(6, references.Count);
        foreach (var config in references)
        {
            Assert.Null(config.Url);
            Assert.Equal(manifests.Service.Metadata.Name, config.Service.Name);
            Assert.Equal(manifests.Service.Metadata.NamespaceProperty, config.Service.NamespaceProperty);
            Assert.Equal(port.Port, config.Service.Port ?? 443);
        }
        Assert.Equal(443, port.Port);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_webhook_leaves_out_system_namespaces_and_its_own(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var own = manifests.Deployment.Metadata.NamespaceProperty;
        var selectors = manifests.Validating.Webhooks.Select(h => h.NamespaceSelector)
            .Concat(manifests.Mutating.Webhooks.Select(h => h.NamespaceSelector));
        foreach (var selector in selectors)
        {
            var excluded = Assert.Single(selector.MatchExpressions, e => e.Key == "kubernetes.io/metadata.name");
            Assert.Equal("NotIn", excluded.OperatorProperty);
            Assert.Equal(new[] { "kube-system", "kube-node-lease", own }.Order(), excluded.Values.Order());
            Assert.Null(selector.MatchLabels);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Webhook_names_are_unique_and_fully_qualified(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var names = manifests.Validating.Webhooks.Select(h => h.Name).Concat(manifests.Mutating.Webhooks.Select(h => h.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name => Assert.True(name.Split('.').Length >= 3, $"{name} is not a fully qualified name"));
    }

    private static void AssertMatchesDescriptors(IReadOnlyList<WebhookView> hooks, WebhookKind kind)
    {
        Assert.Equal(ReviewedResource.All.Count, hooks.Count);
        foreach (var resource in ReviewedResource.All)
        {
            var path = resource.PathFor(kind);
            var hook = Assert.Single(hooks, h => h.ClientConfig.Service?.Path == path);
            var rule = Assert.Single(hook.Rules);
            Assert.Equal([resource.Group], rule.ApiGroups);
            Assert.Equal([resource.Version], rule.ApiVersions);
            Assert.Equal([resource.Plural], rule.Resources);
            Assert.Equal(resource.Namespaced ? "Namespaced" : "Cluster", rule.Scope);
            Assert.Equal(
                resource.OperationsFor(kind).Select(o => o.ToWire()).Order(StringComparer.Ordinal),
                rule.Operations.Order(StringComparer.Ordinal));
            Assert.Equal($"{resource.Plural}.{kind.ToString().ToLowerInvariant()}.admission-webhook.io", hook.Name);
        }
    }

    private sealed record WebhookView(string Name, Admissionregistrationv1WebhookClientConfig ClientConfig, IList<V1RuleWithOperations> Rules);
}

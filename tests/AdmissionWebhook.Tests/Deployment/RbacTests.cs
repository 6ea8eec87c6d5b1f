using AdmissionWebhook.Resources;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// RBAC is exactly what the cluster view calls: get, list and watch on the resources behind
/// <c>INadLookup</c> (NADs) and <c>ISubnetLookup</c> (Subnets), granted to the Deployment's service account.
/// </summary>
public sealed class RbacTests
{
    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Cluster_role_grants_only_read_access_to_nads_and_subnets(string overlay)
    {
        var role = Manifests.Overlay(overlay).Single<V1ClusterRole>();
        // The cluster view answers INadLookup and ISubnetLookup from watches of exactly these two resources.
        var looked = new[]
        {
            (NetworkAttachmentDefinition.Descriptor.Group, NetworkAttachmentDefinition.Descriptor.Plural),
            (Subnet.Descriptor.Group, Subnet.Descriptor.Plural),
        };
        var granted = role.Rules
            .SelectMany(rule => rule.ApiGroups.SelectMany(g => rule.Resources.SelectMany(r => rule.Verbs.Select(v => $"{g}/{r}:{v}"))))
            .Order(StringComparer.Ordinal);
        var expected = looked
            .SelectMany(r => new[] { "get", "list", "watch" }.Select(v => $"{r.Group}/{r.Plural}:{v}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, granted);
        Assert.All(role.Rules, rule => Assert.Null(rule.ResourceNames));
        Assert.All(role.Rules, rule => Assert.Null(rule.NonResourceURLs));
        Assert.Empty(Manifests.Overlay(overlay).All<V1Role>());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Binding_gives_the_role_to_the_deployments_service_account(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var binding = manifests.Single<V1ClusterRoleBinding>();
        var account = manifests.Single<V1ServiceAccount>();
        Assert.Equal("ClusterRole", binding.RoleRef.Kind);
        Assert.Equal(manifests.Single<V1ClusterRole>().Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(account.Metadata.Name, subject.Name);
        Assert.Equal(account.Metadata.NamespaceProperty, subject.NamespaceProperty);
        Assert.Equal(account.Metadata.Name, manifests.Deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal(manifests.Deployment.Metadata.NamespaceProperty, account.Metadata.NamespaceProperty);
    }
}

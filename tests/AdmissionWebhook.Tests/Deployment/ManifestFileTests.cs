using AdmissionWebhook.Tests.TestSupport;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>Every manifest file under deploy/ and every rendered overlay loads into typed objects, strictly.</summary>
public sealed class ManifestFileTests
{
    public static TheoryData<string> ManifestFiles =>
    [
        .. Directory.EnumerateFiles(Kustomize.DeployDirectory, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}examples{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void Manifest_file_loads_into_typed_objects(string file)
    {
        var manifests = Manifests.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)));
        Assert.NotEmpty(manifests.Objects);
        Assert.All(manifests.Objects, o => Assert.IsAssignableFrom<IMetadata<V1ObjectMeta>>(o));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_renders_the_base_objects_in_one_namespace(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var kinds = manifests.Objects.Select(o => o.GetType().Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                nameof(V1Namespace), nameof(V1ServiceAccount), nameof(V1ClusterRole), nameof(V1ClusterRoleBinding),
                nameof(V1PriorityClass), nameof(V1Deployment), nameof(V1Service), nameof(V1PodDisruptionBudget),
                nameof(V1ValidatingWebhookConfiguration), nameof(V1MutatingWebhookConfiguration),
            },
            kinds);
        var ns = manifests.Single<V1Namespace>().Metadata.Name;
        var namespaced = manifests.Objects.Cast<IMetadata<V1ObjectMeta>>()
            .Where(o => o is not (V1Namespace or V1ClusterRole or V1ClusterRoleBinding or V1PriorityClass
                or V1ValidatingWebhookConfiguration or V1MutatingWebhookConfiguration));
        Assert.All(namespaced, o => Assert.Equal(ns, o.Metadata.NamespaceProperty));
    }
}

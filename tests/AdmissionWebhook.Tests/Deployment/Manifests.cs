using k8s;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// Manifests as KubernetesClient's typed objects, loaded strictly (an unknown field is an error), and the rendered
/// overlays (rendered once per test run).
/// </summary>
internal sealed class Manifests
{
    public static readonly string[] OverlayNames = ["cert-manager", "self-signed"];

    private static readonly Dictionary<string, Type> CustomTypes = new(StringComparer.Ordinal)
    {
        ["cert-manager.io/v1/Certificate"] = typeof(CertManagerCertificate),
        ["cert-manager.io/v1/Issuer"] = typeof(CertManagerIssuer),
    };

    private static readonly Dictionary<string, Lazy<Manifests>> Overlays = OverlayNames.ToDictionary(
        name => name, name => new Lazy<Manifests>(() => Parse(Kustomize.Render(Kustomize.Overlay(name)))), StringComparer.Ordinal);

    private Manifests(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public static Manifests Overlay(string name) => Overlays[name].Value;

    /// <summary>Every document of a YAML stream as a typed object.</summary>
    public static Manifests Parse(string yaml) => new(KubernetesYaml.LoadAllFromString(yaml, CustomTypes, strict: true));

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>() where T : IMetadata<V1ObjectMeta>
    {
        var matches = All<T>().ToList();
        Assert.True(matches.Count == 1, $"expected one {typeof(T).Name}, found {matches.Count}");
        return matches[0];
    }

    public T Named<T>(string name) where T : IMetadata<V1ObjectMeta>
    {
        var match = All<T>().SingleOrDefault(o => o.Metadata.Name == name);
        Assert.True(match is not null, $"no {typeof(T).Name} named {name}");
        return match;
    }

    public V1Deployment Deployment => Single<V1Deployment>();

    public V1Container Container => Assert.Single(Deployment.Spec.Template.Spec.Containers);

    public V1Service Service => Single<V1Service>();

    public V1ValidatingWebhookConfiguration Validating => Single<V1ValidatingWebhookConfiguration>();

    public V1MutatingWebhookConfiguration Mutating => Single<V1MutatingWebhookConfiguration>();

    /// <summary>The Secret the Deployment mounts as its serving certificate.</summary>
    public string TlsSecretName =>
        Assert.Single(Deployment.Spec.Template.Spec.Volumes, v => v.Secret is not null).Secret.SecretName;

    /// <summary>The name the API server dials and checks the certificate against: &lt;service&gt;.&lt;namespace&gt;.svc.</summary>
    public string ServiceDnsName => $"{Service.Metadata.Name}.{Service.Metadata.NamespaceProperty}.svc";
}

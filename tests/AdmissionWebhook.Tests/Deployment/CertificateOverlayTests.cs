using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>The two ways of getting a serving certificate, each wired to the Deployment and the webhook configurations.</summary>
public sealed class CertificateOverlayTests
{
    private const string InjectCaFrom = "cert-manager.io/inject-ca-from";

    public static TheoryData<string> OverlayNames => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void Every_object_an_overlay_renders_carries_the_part_of_label(string overlay)
    {
        var objects = Manifests.Overlay(overlay).All<IMetadata<V1ObjectMeta>>().ToList();

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.True(
            o.Metadata.Labels?.TryGetValue("app.kubernetes.io/part-of", out var partOf) == true && partOf == "admission-webhook",
            $"{o.GetType().Name} {o.Metadata.Name} lacks app.kubernetes.io/part-of: admission-webhook"));
    }

    [Fact]
    public void Cert_manager_issues_the_mounted_secret_for_the_service_dns_names()
    {
        var manifests = Manifests.Overlay("cert-manager");
        var serving = Assert.Single(manifests.All<CertManagerCertificate>(), c => c.Spec.SecretName == manifests.TlsSecretName);
        Assert.NotEqual(true, serving.Spec.IsCA);
        Assert.Equal(
            [manifests.ServiceDnsName, manifests.ServiceDnsName + ".cluster.local"],
            serving.Spec.DnsNames);
        Assert.Contains("server auth", serving.Spec.Usages!);
        Assert.Empty(manifests.All<V1Secret>());
    }

    [Fact]
    public void Cainjector_is_pointed_at_the_serving_certificate_from_both_configurations()
    {
        var manifests = Manifests.Overlay("cert-manager");
        var serving = Assert.Single(manifests.All<CertManagerCertificate>(), c => c.Spec.SecretName == manifests.TlsSecretName);
        var expected = $"{serving.Metadata.NamespaceProperty}/{serving.Metadata.Name}";
        Assert.Equal(expected, manifests.Validating.Metadata.Annotations[InjectCaFrom]);
        Assert.Equal(expected, manifests.Mutating.Metadata.Annotations[InjectCaFrom]);
        Assert.All(manifests.Validating.Webhooks, h => Assert.Null(h.ClientConfig.CaBundle));
        Assert.All(manifests.Mutating.Webhooks, h => Assert.Null(h.ClientConfig.CaBundle));
    }

    [Fact]
    public void Serving_certificate_is_signed_by_a_ca_issuer_whose_ca_certificate_is_self_signed()
    {
        var manifests = Manifests.Overlay("cert-manager");
        var serving = Assert.Single(manifests.All<CertManagerCertificate>(), c => c.Spec.SecretName == manifests.TlsSecretName);
        var caIssuer = IssuerOf(manifests, serving);
        Assert.NotNull(caIssuer.Spec.Ca);
        var ca = Assert.Single(manifests.All<CertManagerCertificate>(), c => c.Spec.SecretName == caIssuer.Spec.Ca.SecretName);
        Assert.True(ca.Spec.IsCA);
        Assert.NotNull(IssuerOf(manifests, ca).Spec.SelfSigned);
        // The CA outlives many serving certificates: renewing the leaf never changes the injected caBundle.
        Assert.True(Hours(ca.Spec.Duration) > 10 * Hours(serving.Spec.Duration));
        Assert.All(manifests.All<CertManagerCertificate>().Concat<IMetadata<V1ObjectMeta>>(manifests.All<CertManagerIssuer>()),
            o => Assert.Equal(manifests.Deployment.Metadata.NamespaceProperty, o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Self_signed_overlay_renders_a_placeholder_secret_without_key_material()
    {
        var manifests = Manifests.Overlay("self-signed");
        var secret = manifests.Single<V1Secret>();
        Assert.Equal(manifests.TlsSecretName, secret.Metadata.Name);
        Assert.Equal(manifests.Deployment.Metadata.NamespaceProperty, secret.Metadata.NamespaceProperty);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(["tls.crt", "tls.key"], secret.Data.Keys.Order(StringComparer.Ordinal));
        Assert.All(secret.Data.Values, value => Assert.True(value is null or { Length: 0 }));
        Assert.True(secret.Metadata.Annotations.ContainsKey("admission-webhook.io/placeholder"));
        Assert.Empty(manifests.All<CertManagerCertificate>());
        Assert.Null(manifests.Validating.Metadata.Annotations);
    }

    private static CertManagerIssuer IssuerOf(Manifests manifests, CertManagerCertificate certificate)
    {
        Assert.Equal("Issuer", certificate.Spec.IssuerRef!.Kind);
        Assert.Equal("cert-manager.io", certificate.Spec.IssuerRef.Group);
        return manifests.Named<CertManagerIssuer>(certificate.Spec.IssuerRef.Name!);
    }

    private static double Hours(string? duration)
    {
        Assert.NotNull(duration);
        Assert.EndsWith("h", duration, StringComparison.Ordinal);
        return double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

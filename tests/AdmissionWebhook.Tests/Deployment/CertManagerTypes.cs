using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

// Just enough of cert-manager's v1 API for KubernetesClient's strict YAML loader: every field the overlay uses
// is modelled, so a misspelt field fails the load instead of being ignored by cert-manager at apply time.

internal sealed class CertManagerCertificate : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionValue = "cert-manager.io/v1";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Certificate";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public CertificateSpec Spec { get; set; } = new();
}

internal sealed class CertificateSpec
{
    [JsonPropertyName("isCA")]
    public bool? IsCA { get; set; }

    [JsonPropertyName("commonName")]
    public string? CommonName { get; set; }

    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    [JsonPropertyName("renewBefore")]
    public string? RenewBefore { get; set; }

    [JsonPropertyName("dnsNames")]
    public IList<string>? DnsNames { get; set; }

    [JsonPropertyName("usages")]
    public IList<string>? Usages { get; set; }

    [JsonPropertyName("privateKey")]
    public CertificatePrivateKey? PrivateKey { get; set; }

    [JsonPropertyName("issuerRef")]
    public IssuerReference? IssuerRef { get; set; }
}

internal sealed class CertificatePrivateKey
{
    [JsonPropertyName("algorithm")]
    public string? Algorithm { get; set; }

    [JsonPropertyName("size")]
    public int? Size { get; set; }

    [JsonPropertyName("rotationPolicy")]
    public string? RotationPolicy { get; set; }
}

internal sealed class IssuerReference
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

internal sealed class CertManagerIssuer : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CertManagerCertificate.ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Issuer";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public IssuerSpec Spec { get; set; } = new();
}

internal sealed class IssuerSpec
{
    /// <summary>cert-manager's <c>selfSigned: {}</c>.</summary>
    [JsonPropertyName("selfSigned")]
    public SelfSignedIssuer? SelfSigned { get; set; }

    [JsonPropertyName("ca")]
    public CaIssuer? Ca { get; set; }
}

internal sealed class SelfSignedIssuer;

internal sealed class CaIssuer
{
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }
}

using System.Net.Security;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdmissionWebhook.Certificates;

/// <summary>
/// With no certificate configured the webhook still starts: it mints a throw-away CA and a serving certificate for
/// <c>localhost</c>/<c>127.0.0.1</c>/<c>::1</c>, and writes the CA (never a key) to a file so <c>curl --cacert</c> works.
/// </summary>
internal sealed class DevelopmentCertificate : IServingCertificate
{
    public DevelopmentCertificate(string caPath)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=admission-webhook development CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = caRequest.CreateSelfSigned(notBefore, notBefore.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var leaf = leafRequest.Create(ca, notBefore, notBefore.AddDays(7), serial);
        // A PEM round trip gives a certificate whose key every TLS backend can use.
        Current = X509Certificate2.CreateFromPem(leaf.ExportCertificatePem(), leafKey.ExportPkcs8PrivateKeyPem());
        Context = SslStreamCertificateContext.Create(Current, additionalCertificates: null, offline: true);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(caPath))!);
        File.WriteAllText(caPath, ca.ExportCertificatePem() + "\n");
        CaPath = Path.GetFullPath(caPath);
    }

    public X509Certificate2 Current { get; }

    public SslStreamCertificateContext Context { get; }

    public string CaPath { get; }

    public string Source => "development certificate";

    public static string DefaultCaPath => Path.Combine(Path.GetTempPath(), "admission-webhook", "dev-ca.crt");
}

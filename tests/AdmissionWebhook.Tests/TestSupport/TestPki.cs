using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>
/// A CA and a serving certificate minted at test time (as cert-manager's webhook tests do), written as PEM into a
/// temporary folder. No key material is committed.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public TestPki(params string[] dnsNames)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("webhook-pki-").FullName;
        CaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test CA", CaKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));
        CertPath = Path.Combine(Directory, "tls.crt");
        KeyPath = Path.Combine(Directory, "tls.key");
        CaPath = Path.Combine(Directory, "ca.crt");
        File.WriteAllText(CaPath, Ca.ExportCertificatePem());
        WriteLeaf("CN=webhook", dnsNames.Length > 0 ? dnsNames : ["localhost"]);
    }

    public string Directory { get; }

    public ECDsa CaKey { get; }

    public X509Certificate2 Ca { get; }

    public string CertPath { get; }

    public string KeyPath { get; }

    public string CaPath { get; }

    /// <summary>Issues a new leaf from the same CA and writes it over tls.crt/tls.key; returns its certificate.</summary>
    public X509Certificate2 WriteLeaf(string subject, IEnumerable<string> dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        // Inside the CA's validity whatever the clock does between the two calls.
        var leaf = request.Create(Ca, Ca.NotBefore.AddMinutes(1), Ca.NotAfter.AddMinutes(-1), RandomNumberGenerator.GetBytes(12));
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CertPath, leaf.ExportCertificatePem());
        return leaf;
    }

    /// <summary>An HTTP client that trusts only <paramref name="trusted"/> (this PKI's CA by default).</summary>
    public HttpClient CreateClient(Uri baseAddress, X509Certificate2? trusted = null, Version? httpVersion = null)
    {
        var root = trusted ?? Ca;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        return new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = httpVersion ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public void Dispose()
    {
        CaKey.Dispose();
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>True when <paramref name="leaf"/> chains to <paramref name="ca"/> alone, as a client trusting only that CA checks it.</summary>
    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}

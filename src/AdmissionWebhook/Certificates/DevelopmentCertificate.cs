using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdmissionWebhook.Certificates;

/// <summary>
/// With no certificate configured the webhook still starts: it serves a certificate for <c>localhost</c>/<c>127.0.0.1</c>/
/// <c>::1</c> issued by a development CA, whose certificate it writes to a file so <c>curl --cacert</c> works.
/// </summary>
/// <remarks>
/// The CA is reused while it stays valid for longer than a leaf lives, so a second instance (or a restart) does not
/// replace the file a first instance's clients trust: each start mints only a new leaf. Reuse needs the CA's key,
/// kept beside the certificate (<c>dev-ca.key</c>, readable by the owner only); the serving key is never written.
/// A CA file that is unreadable, expiring, or does not match its key is replaced.
/// </remarks>
internal sealed class DevelopmentCertificate : IServingCertificate
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(7);

    public DevelopmentCertificate(string caPath)
    {
        CaPath = Path.GetFullPath(caPath);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = Reuse(CaPath, notBefore) ?? Create(CaPath, notBefore);

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
        using var leaf = leafRequest.Create(ca, notBefore, notBefore.Add(LeafLifetime), serial);
        // A PEM round trip gives a certificate whose key every TLS backend can use.
        Current = X509Certificate2.CreateFromPem(leaf.ExportCertificatePem(), leafKey.ExportPkcs8PrivateKeyPem());
        Context = SslStreamCertificateContext.Create(Current, additionalCertificates: null, offline: true);
    }

    public X509Certificate2 Current { get; }

    public SslStreamCertificateContext Context { get; }

    public string CaPath { get; }

    /// <summary>True when this start found a valid CA and kept it.</summary>
    public bool ReusedCa { get; private set; }

    public string Source => "development certificate";

    public static string DefaultCaPath => Path.Combine(Path.GetTempPath(), "admission-webhook", "dev-ca.crt");

    /// <summary>Where the CA's key is kept: beside the certificate, <c>.key</c> for <c>.crt</c>.</summary>
    public static string KeyPathFor(string caPath) => Path.ChangeExtension(caPath, ".key");

    private X509Certificate2? Reuse(string caPath, DateTimeOffset now)
    {
        try
        {
            // CreateFromPemFile fails when the key is not the certificate's.
            var ca = X509Certificate2.CreateFromPemFile(caPath, KeyPathFor(caPath));
            var isCa = ca.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
            if (isCa && ca.HasPrivateKey && ca.NotBefore <= now.UtcDateTime && ca.NotAfter > now.Add(LeafLifetime + TimeSpan.FromDays(1)).UtcDateTime)
            {
                ReusedCa = true;
                return ca;
            }
            ca.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // No usable CA there: mint a new one below.
        }
        return null;
    }

    private static X509Certificate2 Create(string caPath, DateTimeOffset notBefore)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=admission-webhook development CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(notBefore, notBefore.Add(CaLifetime));

        var directory = Path.GetDirectoryName(caPath)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        // Key first, then certificate, each by rename: a concurrent start reads either the old pair, the new pair, or
        // a mismatch it rejects (and then mints its own), never half a file.
        WriteAtomically(KeyPathFor(caPath), caKey.ExportPkcs8PrivateKeyPem() + "\n", ownerOnly: true);
        WriteAtomically(caPath, ca.ExportCertificatePem() + "\n", ownerOnly: false);
        return ca;
    }

    private static void WriteAtomically(string path, string text, bool ownerOnly)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }
        File.Move(temporary, path, overwrite: true);
    }
}

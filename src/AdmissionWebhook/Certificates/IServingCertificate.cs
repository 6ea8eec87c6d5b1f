using System.Security.Cryptography.X509Certificates;

namespace AdmissionWebhook.Certificates;

/// <summary>The certificate Kestrel presents, read per TLS handshake so a rotation takes effect at once.</summary>
internal interface IServingCertificate
{
    X509Certificate2 Current { get; }

    /// <summary>Where the certificate came from, for logs and readiness output.</summary>
    string Source { get; }
}

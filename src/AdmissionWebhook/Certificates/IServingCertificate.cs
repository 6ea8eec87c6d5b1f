using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AdmissionWebhook.Certificates;

/// <summary>The certificate Kestrel presents, read per TLS handshake so a rotation takes effect at once.</summary>
internal interface IServingCertificate
{
    X509Certificate2 Current { get; }

    /// <summary>The leaf with the intermediates to send with it (the whole chain file), read per handshake too.</summary>
    SslStreamCertificateContext Context { get; }

    /// <summary>Where the certificate came from, for logs and readiness output.</summary>
    string Source { get; }
}

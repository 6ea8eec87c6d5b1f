using System.Net.Security;
using System.Runtime.Versioning;

namespace AdmissionWebhook.Certificates;

/// <summary>
/// The cipher suites the webhook offers: Mozilla's "intermediate" profile. TLS 1.3 keeps its three AEAD suites;
/// TLS 1.2 is limited to ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 (no CBC, no static RSA), which every
/// supported kube-apiserver (Go's crypto/tls) offers.
/// </summary>
internal static class TlsPolicy
{
    public static IReadOnlyList<TlsCipherSuite> CipherSuites { get; } =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>The suites as a policy; only OpenSSL-backed platforms (Linux, where the webhook runs) can set one.</summary>
    [UnsupportedOSPlatform("windows")]
    public static CipherSuitesPolicy Policy { get; } = new(CipherSuites);
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Http;

/// <summary>
/// The serving chain and the cipher suites (issue #13): a <c>--tls-cert</c> holding leaf and intermediate is sent whole,
/// so a client trusting only the root (the API server with a root-only caBundle) verifies it, before and after a
/// rotation; TLS 1.2 offers only ECDHE with AES-GCM or ChaCha20-Poly1305.
/// Cipher suite policies exist on OpenSSL platforms only, where the webhook runs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TlsChainAndCipherTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly ECDsa _intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _intermediate;
    private readonly string _chainPath;
    private readonly string _keyPath;
    private readonly WebhookServer _server;

    public TlsChainAndCipherTests()
    {
        var request = new CertificateRequest("CN=test intermediate", _intermediateKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var issued = request.Create(_pki.Ca, _pki.Ca.NotBefore.AddMinutes(1), _pki.Ca.NotAfter.AddMinutes(-1), RandomNumberGenerator.GetBytes(12));
        _intermediate = issued.CopyWithPrivateKey(_intermediateKey);
        _chainPath = Path.Combine(_pki.Directory, "chain.crt");
        _keyPath = Path.Combine(_pki.Directory, "chain.key");
        WriteChain("CN=chained leaf");
        _server = new WebhookServer(_pki, RepositoryPaths.Examples, new Dictionary<string, string?>
        {
            ["Webhook:TlsCert"] = _chainPath,
            ["Webhook:TlsKey"] = _keyPath,
        });
    }

    [Fact]
    public async Task Client_trusting_only_the_root_verifies_the_served_chain()
    {
        Assert.Equal("CN=chained leaf", await ServedSubjectTrustingOnlyTheRootAsync());
    }

    [Fact]
    public async Task Rotated_chain_is_served_whole_after_the_reload()
    {
        Assert.Equal("CN=chained leaf", await ServedSubjectTrustingOnlyTheRootAsync());

        WriteChain("CN=rotated chained leaf");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string subject;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            subject = await ServedSubjectTrustingOnlyTheRootAsync();
        }
        while (subject != "CN=rotated chained leaf" && DateTime.UtcNow < deadline);
        Assert.Equal("CN=rotated chained leaf", subject);
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA)]
    public async Task Tls12_cbc_suites_are_refused(TlsCipherSuite suite)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls12, suite));
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)]
    public async Task Tls12_ecdhe_aead_suites_are_accepted(TlsCipherSuite suite)
    {
        Assert.Equal(suite, await HandshakeAsync(SslProtocols.Tls12, suite));
    }

    [Fact]
    public async Task Tls13_is_accepted()
    {
        Assert.Equal(TlsCipherSuite.TLS_AES_128_GCM_SHA256, await HandshakeAsync(SslProtocols.Tls13, TlsCipherSuite.TLS_AES_128_GCM_SHA256));
    }

    private void WriteChain(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(_intermediate, _intermediate.NotBefore.AddMinutes(1), _intermediate.NotAfter.AddMinutes(-1), RandomNumberGenerator.GetBytes(12));
        File.WriteAllText(_keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(_chainPath, leaf.ExportCertificatePem() + "\n" + _intermediate.ExportCertificatePem() + "\n");
    }

    /// <summary>A fresh connection whose chain is built from what the server sent, trusting only the root.</summary>
    private async Task<string> ServedSubjectTrustingOnlyTheRootAsync()
    {
        string? subject = null;
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(_pki.Ca);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            subject = certificate?.Subject;
            return errors == SslPolicyErrors.None;
        };
        using var client = new HttpClient(handler) { BaseAddress = _server.BaseAddress };
        using var response = await client.GetAsync("/livez", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return subject ?? string.Empty;
    }

    private async Task<TlsCipherSuite> HandshakeAsync(SslProtocols protocol, TlsCipherSuite suite)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port, TestContext.Current.CancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocol,
            CipherSuitesPolicy = new CipherSuitesPolicy([suite]),
            // This test is about the suites; the chain is the tests above.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
        }, TestContext.Current.CancellationToken);
        return tls.NegotiatedCipherSuite;
    }

    public void Dispose()
    {
        _server.Dispose();
        _intermediate.Dispose();
        _intermediateKey.Dispose();
        _pki.Dispose();
    }
}

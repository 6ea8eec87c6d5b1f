using System.Net;
using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Tests.Cluster;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdmissionWebhook.Tests.Http;

/// <summary>TLS as the API server meets it: HTTP/1.1, only the configured CA is trusted, and rotations are served.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly WebhookServer _server;

    private readonly CapturingLoggerProvider _logs = new();

    /// <summary>CertificateReloadFailed: a reload was tried and the previous certificate kept.</summary>
    private const int ReloadFailed = 11;

    public TlsTests() => _server = new WebhookServer(_pki, RepositoryPaths.Examples)
    {
        ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs),
    };

    [Fact]
    public async Task Client_trusting_only_the_CA_completes_an_HTTP_1_1_handshake()
    {
        using var client = _server.CreateTlsClient();
        using var response = await client.GetAsync("/livez", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task Client_trusting_another_CA_fails_the_handshake()
    {
        using var other = new TestPki();
        using var client = _pki.CreateClient(_server.BaseAddress, trusted: other.Ca);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/livez", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rewritten_certificate_is_served_after_the_reload()
    {
        using var client = _server.CreateTlsClient();
        Assert.Equal("CN=webhook", await ServedSubjectAsync());

        using var rotated = _pki.WriteLeaf("CN=rotated", ["localhost"]);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string subject;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            subject = await ServedSubjectAsync();
        }
        while (subject != "CN=rotated" && DateTime.UtcNow < deadline);
        Assert.Equal("CN=rotated", subject);
    }

    [Fact]
    public async Task Half_written_rotation_keeps_the_last_good_certificate()
    {
        Assert.Equal("CN=webhook", await ServedSubjectAsync());
        await File.WriteAllTextAsync(_pki.CertPath, "-----BEGIN CERTIFICATE-----\nnot base64\n", TestContext.Current.CancellationToken);
        // Wait for the reload attempt that read the broken file, so the check below comes after it.
        await Eventually.HoldsAsync(() => _logs.Entries.Any(e => e.EventId.Id == ReloadFailed), "the failed reload of the half-written certificate");

        Assert.Equal("CN=webhook", await ServedSubjectAsync());
    }

    private async Task<string> ServedSubjectAsync()
    {
        // A fresh connection per probe, so the handshake picks the current certificate.
        X509Certificate2? served = null;
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }
            served = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_pki.Ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(served);
        };
        using var client = new HttpClient(handler) { BaseAddress = _server.BaseAddress };
        using var response = await client.GetAsync("/livez", TestContext.Current.CancellationToken);
        return served?.Subject ?? string.Empty;
    }

    public void Dispose()
    {
        _server.Dispose();
        _pki.Dispose();
    }
}

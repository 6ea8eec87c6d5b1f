using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The certificate certs/mint.sh makes, served by the real app, passes the handshake the API server makes: a
/// connection to &lt;service&gt;.&lt;namespace&gt;.svc (SNI and name check) that trusts only the minted CA (the caBundle).
/// </summary>
public sealed class TlsHandshakeTests
{
    [Fact]
    public async Task Minted_certificate_is_trusted_for_the_service_dns_name()
    {
        using var minted = MintedCertificates.Mint();
        using var pki = new TestPki();
        using var server = ServeWith(minted, pki);
        using var ca = minted.Ca();
        var serviceName = Manifests.Overlay("self-signed").ServiceDnsName;
        using var client = ApiServerLikeClient(server.BaseAddress.Port, ca);

        using var response = await client.GetAsync(new Uri($"https://{serviceName}/livez"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task Minted_certificate_is_refused_for_another_namespace()
    {
        using var minted = MintedCertificates.Mint();
        using var pki = new TestPki();
        using var server = ServeWith(minted, pki);
        using var ca = minted.Ca();
        using var client = ApiServerLikeClient(server.BaseAddress.Port, ca);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.GetAsync(new Uri("https://admission-webhook.elsewhere.svc/livez"), TestContext.Current.CancellationToken));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Minted_certificate_is_refused_by_a_client_trusting_another_ca()
    {
        using var minted = MintedCertificates.Mint();
        using var pki = new TestPki();
        using var server = ServeWith(minted, pki);
        var serviceName = Manifests.Overlay("self-signed").ServiceDnsName;
        using var client = ApiServerLikeClient(server.BaseAddress.Port, pki.Ca);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.GetAsync(new Uri($"https://{serviceName}/livez"), TestContext.Current.CancellationToken));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    private static WebhookServer ServeWith(MintedCertificates minted, TestPki pki) =>
        new(pki, RepositoryPaths.Examples, new Dictionary<string, string?>
        {
            ["Webhook:TlsCert"] = minted.CertPath,
            ["Webhook:TlsKey"] = minted.KeyPath,
        });

    /// <summary>
    /// Dials localhost but speaks to the service name, as the API server does after resolving the Service: SNI and
    /// the certificate's name are checked against the URI host, and only <paramref name="caBundle"/> is trusted.
    /// </summary>
    private static HttpClient ApiServerLikeClient(int port, X509Certificate2 caBundle)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new DnsEndPoint("localhost", port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(caBundle);
        return new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }
}

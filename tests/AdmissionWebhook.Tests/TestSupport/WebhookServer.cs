using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>
/// The real webhook (its own Program and composition root) on Kestrel with TLS, on a free port, serving a
/// certificate from a test PKI and reading the cluster from a manifests folder.
/// </summary>
internal sealed class WebhookServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public WebhookServer(TestPki pki, string manifestsDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Pki = pki;
        var all = new Dictionary<string, string?>
        {
            ["Webhook:Port"] = "0",
            ["Webhook:TlsCert"] = pki.CertPath,
            ["Webhook:TlsKey"] = pki.KeyPath,
            ["Webhook:Manifests"] = manifestsDirectory,
            ["Webhook:CertificatePollInterval"] = "00:00:00.200",
            ["Webhook:ShutdownDelay"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        _settings = all;
        UseKestrel();
    }

    public TestPki Pki { get; }

    /// <summary>Service replacements applied after the app's own registrations (set before the first request).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>https://localhost:&lt;port&gt;/ once started.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .First(a => a.StartsWith("https://", StringComparison.Ordinal));
            return new Uri($"https://localhost:{new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port}/");
        }
    }

    /// <summary>A client over HTTP/1.1 (as the API server calls) that trusts only the test CA.</summary>
    public HttpClient CreateTlsClient() => Pki.CreateClient(BaseAddress);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => ConfigureServices?.Invoke(services));
    }
}

using System.Net.Security;
using System.Security.Authentication;
using AdmissionWebhook.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook.Certificates;

/// <summary>Serving certificate selection and the HTTPS listener.</summary>
internal static class KestrelTlsExtensions
{
    /// <summary>Registers the configured certificate (reloaded from files) or the development one.</summary>
    public static IServiceCollection AddServingCertificate(this IServiceCollection services) =>
        services.AddSingleton<IServingCertificate>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("AdmissionWebhook.Certificates");
            if (!string.IsNullOrEmpty(options.TlsCert) || !string.IsNullOrEmpty(options.TlsKey))
            {
                if (string.IsNullOrEmpty(options.TlsCert) || string.IsNullOrEmpty(options.TlsKey))
                {
                    throw new OptionsValidationException(WebhookOptions.Section, typeof(WebhookOptions),
                        ["--tls-cert and --tls-key must be given together"]);
                }
                return new CertificateReloader(options.TlsCert, options.TlsKey, options.CertificatePollInterval, logger,
                    provider.GetRequiredService<TimeProvider>());
            }
            var development = new DevelopmentCertificate(options.DevelopmentCaPath ?? DevelopmentCertificate.DefaultCaPath);
            Log.DevelopmentCertificate(logger, development.CaPath);
            return development;
        });

    /// <summary>
    /// One HTTPS endpoint. HTTP/1.1 must work: the API server forces it (ALPN http/1.1) so that concurrent calls
    /// spread across replicas. TLS 1.2 is the floor, with <see cref="TlsPolicy"/>'s suites. The certificate and its
    /// chain are chosen per handshake, so rotation needs no restart.
    /// </summary>
    public static void ConfigureWebhookKestrel(this KestrelServerOptions kestrel)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<WebhookOptions>>().Value;
        var certificate = kestrel.ApplicationServices.GetRequiredService<IServingCertificate>();
        kestrel.AddServerHeader = false;
        ApplyMemoryLimits(kestrel.Limits);
        kestrel.ListenAnyIP(options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(ServerOptions(certificate)),
            });
        });
        if (options.MetricsPort is { } metricsPort)
        {
            kestrel.ListenAnyIP(metricsPort);
        }
    }

    /// <summary>The request limits that bound what Kestrel holds per connection (README "Memory").</summary>
    internal static void ApplyMemoryLimits(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = WebhookOptions.MaxRequestBodyBytes;
        // A body waiting for room in the memory budget stays in the socket, not in Kestrel's pinned buffers: at the
        // default (1 MiB per connection) 25 connections of large reviews hold 25 MiB of heap that no budget counts.
        limits.MaxRequestBufferSize = WebhookOptions.MaxUnreadBodyBytesPerConnection;
    }

    private static SslServerAuthenticationOptions ServerOptions(IServingCertificate certificate)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate.Context,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            ClientCertificateRequired = false,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.CipherSuitesPolicy = TlsPolicy.Policy;
        }
        return options;
    }
}

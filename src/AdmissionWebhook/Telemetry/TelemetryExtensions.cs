using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdmissionWebhook.Telemetry;

/// <summary>OpenTelemetry wiring: our Meter and ActivitySource, Prometheus scraping, OTLP when configured.</summary>
internal static class TelemetryExtensions
{
    private static readonly PathString[] UntracedPaths = ["/livez", "/readyz", "/metrics"];

    /// <summary>The meter the runtime publishes its own metrics on (System.Diagnostics.Metrics, .NET 9 and later).</summary>
    internal const string RuntimeMeterName = "System.Runtime";

    public static IServiceCollection AddWebhookTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ClusterViewMetrics>();
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("admission-webhook"))
            .WithMetrics(metrics => metrics
                .AddMeter(AdmissionTelemetry.Name)
                // The runtime's own meter (GC collections per generation, bytes allocated, pause time, process CPU and
                // working set): what the GC settings of the image are judged by, observable on the running binary,
                // Native AOT included. Observable instruments: read on scrape, nothing per request.
                .AddMeter(RuntimeMeterName)
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        // The standard variable turns on OTLP export of traces, metrics and logs. Spans are recorded only then: with
        // nowhere to send them, sampling every request would cost CPU on the hot path for nothing.
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(tracing => tracing
                // The API server sends a W3C traceparent when its tracing is on; the request span continues it.
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsUntraced(http.Request.Path)));
            otel.UseOtlpExporter();
        }
        return services;
    }

    /// <summary>The instruments themselves; recording works with or without an exporter listening.</summary>
    public static IServiceCollection AddWebhookInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<AdmissionTelemetry>();
        services.AddSingleton<ReviewRecorder>();
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> on the HTTPS port; with <c>--metrics-port</c> also on that plain-HTTP port, which serves
    /// nothing else (admission reviews and health stay HTTPS-only).
    /// </summary>
    public static WebApplication MapWebhookMetrics(this WebApplication app, int? metricsPort)
    {
        if (metricsPort is not null)
        {
            // The metrics listener is the only plain-HTTP one (reviews are HTTPS only), which identifies it even when
            // it was bound to port 0 and its port is known only after start.
            app.Use(async (http, next) =>
            {
                if (!http.Request.IsHttps && http.Request.Path != "/metrics")
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await next(http);
            });
        }
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>JSON log lines in containers (the official .NET images set DOTNET_RUNNING_IN_CONTAINER).</summary>
    public static ILoggingBuilder AddWebhookConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        if (configuration["DOTNET_RUNNING_IN_CONTAINER"] == "true" || configuration["Logging:Json"] == "true")
        {
            logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        return logging;
    }

    private static bool IsUntraced(PathString path)
    {
        foreach (var untraced in UntracedPaths)
        {
            if (path.StartsWithSegments(untraced, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

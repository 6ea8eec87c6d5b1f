using AdmissionWebhook.Admission;
using AdmissionWebhook.Certificates;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Health;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook.Cli;

/// <summary>
/// <c>serve</c>: the HTTPS webhook. The command line is checked before anything starts (an unknown switch is a usage
/// error, never a silently ignored setting), and a start-up failure (an unreadable certificate or manifest, a port in
/// use, an unknown rule code) is one line on standard error and exit code 1, not a stack trace.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Host switches the server takes besides <see cref="WebhookOptions.SwitchMappings"/>.</summary>
    private static readonly HashSet<string> HostSwitches = new(StringComparer.OrdinalIgnoreCase) { "--environment", "--contentRoot", "--applicationName" };

    private static readonly string[] PortKeys = ["Webhook:Port", "Webhook:MetricsPort"];

    /// <summary>
    /// Throws <see cref="CliUsageException"/> unless every word is a known switch with a value: the switches of
    /// <see cref="WebhookOptions.SwitchMappings"/>, <c>--environment</c>, or a configuration key with a section
    /// (<c>--Rules:VmNadMissing=Deny</c>, as ASP.NET Core's command-line configuration takes them). A section given
    /// empty (<c>--Webhook=</c>) beside one of its keys is what a configuration dump looks like (the tests' host
    /// passes its settings so), and sets nothing.
    /// </summary>
    public static void CheckArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CliUsageException($"unexpected argument \"{arg}\"");
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var emptySection = equals == arg.Length - 1 && args.Any(a => a.StartsWith(name + ":", StringComparison.Ordinal));
            var known = WebhookOptions.SwitchMappings.ContainsKey(name) || HostSwitches.Contains(name) || name.IndexOf(':', StringComparison.Ordinal) > 2 || emptySection;
            if (!known)
            {
                throw new CliUsageException($"unknown option {name}");
            }
            if (equals < 0)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliUsageException($"{name} needs a value");
                }
                i++;
            }
        }
    }

    /// <summary>Runs the server until it is stopped: 0 after a clean stop, 1 when it could not start.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        WebApplication? app = null;
        try
        {
            app = Build(args);
            CheckStartup(app);
            await app.StartAsync();
        }
        catch (Exception e) when (e is not HostAbortedException)
        {
            await error.WriteLineAsync($"AdmissionWebhook: cannot start: {StartupFailure.Describe(e)}");
            await DisposeQuietlyAsync(app);
            return ExitCodes.StartupFailed;
        }
        await using (app)
        {
            await app.WaitForShutdownAsync();
        }
        return ExitCodes.Clean;
    }

    /// <summary>Releases what a failed start built (file watchers, timers); a second failure there changes nothing.</summary>
    private static async Task DisposeQuietlyAsync(WebApplication? app)
    {
        if (app is null)
        {
            return;
        }
        try
        {
            await app.DisposeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or AggregateException or IOException)
        {
            // The start already failed and said why.
        }
    }

    private static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // The defaults beside the binary, at the lowest precedence, whatever folder the webhook was started from.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        builder.Configuration.AddCommandLine(args, WebhookOptions.SwitchMappings.ToDictionary());
        CheckPorts(builder.Configuration);
        builder.Logging.AddWebhookConsole(builder.Configuration);
        // The host logs a start-up failure with its stack trace ("Hosting failed to start"); RunAsync reports it in
        // one line instead. The webhook has no BackgroundService, whose faults are that category's other errors.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddAdmissionWebhook(builder.Configuration);
        builder.Services.AddWebhookTelemetry(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureWebhookKestrel());

        var app = builder.Build();
        app.MapHealthChecks("/livez", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag) });
        app.MapWebhookMetrics(app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.MetricsPort);
        app.MapAdmissionWebhooks();
        return app;
    }

    /// <summary>Fail at start-up, not on the first review, when the certificate, the manifests or the policy
    /// (an unknown <c>Rules:</c> code) cannot be read.</summary>
    private static void CheckStartup(WebApplication app)
    {
        app.Services.GetRequiredService<AdmissionPolicy>();
        app.Services.GetRequiredService<IServingCertificate>();
        app.Services.GetRequiredService<IClusterSource>();
        app.Services.GetRequiredService<ClusterViewMetrics>();
        _ = app.Services.GetServices<IAdmissionReviewer>().ToList();
    }

    /// <summary>The binder's own message for <c>--port abc</c> names a .NET type; say what a port is instead.</summary>
    private static void CheckPorts(ConfigurationManager configuration)
    {
        foreach (var key in PortKeys)
        {
            var value = configuration[key];
            if (value is not null && (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535))
            {
                var flag = WebhookOptions.SwitchMappings.First(m => m.Value == key).Key;
                throw new StartupException($"{flag} ({key}) must be a port number from 0 to 65535, not \"{value}\"");
            }
        }
    }
}

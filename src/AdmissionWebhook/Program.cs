using AdmissionWebhook;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Certificates;
using AdmissionWebhook.Cli;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Health;
using AdmissionWebhook.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

// lint and review run offline and exit; anything else (serve, or switches only) is the server, unchanged.
if (CommandLineApp.IsOfflineCommand(args))
{
    return await CommandLineApp.RunAsync(args, CliConsole.System);
}
args = CommandLineApp.ServeArguments(args);

var builder = WebApplication.CreateSlimBuilder(args);
// The defaults beside the binary, at the lowest precedence, whatever folder the webhook was started from.
builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
{
    Path = "appsettings.json",
    Optional = true,
    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
});
builder.Configuration.AddCommandLine(args, WebhookOptions.SwitchMappings.ToDictionary());
builder.Logging.AddWebhookConsole(builder.Configuration);
builder.Services.AddAdmissionWebhook(builder.Configuration);
builder.Services.AddWebhookTelemetry(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureWebhookKestrel());

var app = builder.Build();
// Fail at start-up, not on the first review, when the certificate or the manifests cannot be read.
app.Services.GetRequiredService<IServingCertificate>();
app.Services.GetRequiredService<IClusterSource>();
app.Services.GetRequiredService<ClusterViewMetrics>();
app.MapHealthChecks("/livez", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag) });
app.MapWebhookMetrics(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.MetricsPort);
app.MapAdmissionWebhooks();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

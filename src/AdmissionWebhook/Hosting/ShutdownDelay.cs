using AdmissionWebhook.Telemetry;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook.Hosting;

/// <summary>
/// Keeps the webhook serving for <see cref="WebhookOptions.ShutdownDelay"/> after SIGTERM, before Kestrel stops.
/// </summary>
/// <remarks>
/// When a Pod is deleted, the kubelet sends SIGTERM while the EndpointSlice controller, kube-proxy and every API
/// server are still learning that the Pod is going away; for a few seconds they keep sending admission reviews to
/// it. If Kestrel stopped at once, those calls would fail and the webhook's failurePolicy would decide them (a
/// fail-closed validating webhook would reject them). Gatekeeper's <c>--shutdown-delay</c> (10 s) exists for the
/// same reason. The host calls every <see cref="IHostedLifecycleService.StoppingAsync"/> before any hosted
/// service's <c>StopAsync</c>, so the server (itself a hosted service) is still accepting connections during
/// the delay. The Deployment's <c>terminationGracePeriodSeconds</c> must exceed the delay plus Kestrel's drain.
/// </remarks>
internal sealed class ShutdownDelay(IOptions<WebhookOptions> options, TimeProvider time, ILogger<ShutdownDelay> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.ShutdownDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        Log.ShutdownDelaying(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now rather than overrun it.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

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
/// On a workstation nothing routes to the process: the Development environment skips the delay, and a second
/// Ctrl+C (or SIGTERM) during the delay ends it. The environment is optional because the offline tools compose
/// these services without a host (and never run them).
/// </remarks>
internal sealed class ShutdownDelay(IOptions<WebhookOptions> options, IStopSignals signals, TimeProvider time,
    ILogger<ShutdownDelay> logger, IHostEnvironment? environment = null) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.ShutdownDelay;
        if (delay <= TimeSpan.Zero || environment?.IsDevelopment() == true)
        {
            return;
        }
        Log.ShutdownDelaying(logger, delay.TotalSeconds);
        using var skip = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watch = signals.Watch(() =>
        {
            Log.ShutdownDelaySkipped(logger);
            skip.Cancel();
        });
        try
        {
            await Task.Delay(delay, time, skip.Token);
        }
        catch (OperationCanceledException)
        {
            // A second signal, or the host's shutdown timeout ran out first: stop now rather than overrun it.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

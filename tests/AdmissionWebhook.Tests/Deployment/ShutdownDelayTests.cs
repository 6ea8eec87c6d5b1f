using System.Diagnostics;
using System.Net;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// Webhook:ShutdownDelay: after the host is told to stop (SIGTERM in a Pod), the app keeps answering for the delay,
/// so reviews routed to it while the endpoints drain still succeed; only then does Kestrel stop.
/// </summary>
public sealed class ShutdownDelayTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Keeps_serving_during_the_delay_after_stopping_begins()
    {
        using var pki = new TestPki();
        var server = new WebhookServer(pki, RepositoryPaths.Examples, new Dictionary<string, string?>
        {
            ["Webhook:ShutdownDelay"] = Delay.ToString(),
            ["environment"] = "Production",
        });
        using var client = server.CreateTlsClient();
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();

        // What SIGTERM does: stop the application, then the host (its hosted services, Kestrel among them).
        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var shutdown = Task.Run(() => server.DisposeAsync().AsTask(), TestContext.Current.CancellationToken);
        await Task.Delay(Delay / 4, TestContext.Current.CancellationToken);
        using var during = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        var stillStopping = !shutdown.IsCompleted;
        await shutdown.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.True(stillStopping, "the host had already stopped when the answer came");
        Assert.True(clock.Elapsed >= Delay - TimeSpan.FromMilliseconds(50), $"the host stopped after {clock.Elapsed}, before the {Delay} delay");
    }

    [Fact]
    public async Task Stops_without_waiting_when_the_delay_is_zero()
    {
        using var pki = new TestPki();
        var server = new WebhookServer(pki, RepositoryPaths.Examples);
        using var client = server.CreateTlsClient();
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.True(clock.Elapsed < Delay, $"stopping took {clock.Elapsed} with no delay configured");
    }

    [Fact]
    public async Task Development_stops_without_the_delay()
    {
        using var pki = new TestPki();
        var server = new WebhookServer(pki, RepositoryPaths.Examples, new Dictionary<string, string?>
        {
            ["Webhook:ShutdownDelay"] = "00:10:00",
            ["environment"] = "Development",
        });
        using var client = server.CreateTlsClient();
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), TestContext.Current.CancellationToken);

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopped = server.DisposeAsync().AsTask();

        // Far below the ten minutes the delay would take.
        await stopped.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_second_stop_signal_ends_the_delay()
    {
        using var pki = new TestPki();
        var signals = new ManualStopSignals();
        var server = new WebhookServer(pki, RepositoryPaths.Examples, new Dictionary<string, string?>
        {
            ["Webhook:ShutdownDelay"] = "00:10:00",
            ["environment"] = "Production",
        })
        {
            ConfigureServices = services => services.AddSingleton<AdmissionWebhook.Hosting.IStopSignals>(signals),
        };
        using var client = server.CreateTlsClient();
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), TestContext.Current.CancellationToken);

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopped = Task.Run(() => server.DisposeAsync().AsTask(), TestContext.Current.CancellationToken);
        await signals.Watching.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        using var during = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.False(stopped.IsCompleted, "the host stopped before the second signal");
        signals.Raise();

        await stopped.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
    }

    /// <summary>Stop signals raised by the test instead of the operating system.</summary>
    private sealed class ManualStopSignals : AdmissionWebhook.Hosting.IStopSignals
    {
        private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Action? _onSignal;

        /// <summary>Completes once the shutdown delay has begun listening.</summary>
        public Task Watching => _watching.Task;

        public IDisposable Watch(Action onSignal)
        {
            _onSignal = onSignal;
            _watching.TrySetResult();
            return new Unwatch(() => _onSignal = null);
        }

        public void Raise() => _onSignal?.Invoke();

        private sealed class Unwatch(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}

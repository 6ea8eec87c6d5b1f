using System.Net;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// Webhook:ShutdownDelay: after the host is told to stop (SIGTERM in a Pod), the app keeps answering for the delay,
/// so reviews routed to it while the endpoints drain still succeed; only then does Kestrel stop. The webhook's clock
/// is a fake one the test advances, so "not before the delay" and "after it" do not depend on how busy the machine is.
/// </summary>
public sealed class ShutdownDelayTests
{
    /// <summary>An odd length, so the delay's timer is told apart from the webhook's polling timers.</summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(17);

    /// <summary>A generous bound on waits for something that happens on its own, so a broken build fails instead of hanging.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keeps_serving_until_the_delay_has_passed_then_stops()
    {
        var time = new DelayWatchingTime(Delay);
        using var pki = new TestPki();
        var server = Server(pki, time, Delay);
        using var client = server.CreateTlsClient();
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), Ct);

        // What SIGTERM does: stop the application, then the host (its hosted services, Kestrel among them).
        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var shutdown = Task.Run(() => server.DisposeAsync().AsTask(), Ct);
        await time.DelayStarted.WaitAsync(Deadline, Ct);

        using var during = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        using var atTheEnd = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        var stoppedEarly = shutdown.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await shutdown.WaitAsync(Deadline, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (during.StatusCode, atTheEnd.StatusCode));
        Assert.False(stoppedEarly, "the host stopped before the delay had passed");
    }

    [Fact]
    public async Task Stops_without_waiting_when_the_delay_is_zero()
    {
        // The clock never moves: a stop that waited for any delay would never finish.
        var time = new DelayWatchingTime(Delay);
        using var pki = new TestPki();
        var server = Server(pki, time, TimeSpan.Zero);
        using var client = server.CreateTlsClient();
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), Ct);

        await server.DisposeAsync().AsTask().WaitAsync(Deadline, Ct);

        Assert.False(time.DelayStarted.IsCompleted);
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
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), Ct);

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopped = server.DisposeAsync().AsTask();

        // Far below the ten minutes the delay would take.
        await stopped.WaitAsync(Deadline, Ct);
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
        using var warmup = await client.GetAsync(new Uri("/livez", UriKind.Relative), Ct);

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopped = Task.Run(() => server.DisposeAsync().AsTask(), Ct);
        await signals.Watching.WaitAsync(Deadline, Ct);
        using var during = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        Assert.False(stopped.IsCompleted, "the host stopped before the second signal");
        signals.Raise();

        await stopped.WaitAsync(Deadline, Ct);
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

    private static WebhookServer Server(TestPki pki, TimeProvider time, TimeSpan delay) =>
        new(pki, RepositoryPaths.Examples, new Dictionary<string, string?>
        {
            ["Webhook:ShutdownDelay"] = delay.ToString(),
            ["environment"] = "Production",
        })
        {
            ConfigureServices = services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            },
        };

    /// <summary>A fake clock that reports when a one-shot timer of the delay's length is created (the delay began).</summary>
    private sealed class DelayWatchingTime(TimeSpan delay) : FakeTimeProvider
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task DelayStarted => _started.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == delay && period == Timeout.InfiniteTimeSpan)
            {
                _started.TrySetResult();
            }
            return timer;
        }
    }
}

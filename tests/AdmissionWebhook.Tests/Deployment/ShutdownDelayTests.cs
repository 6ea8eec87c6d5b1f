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
}

using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The manifests against the running app: the webhook paths and the probe paths are the routes the real
/// composition root maps (its <see cref="EndpointDataSource"/>), and the probes answer on the container port.
/// </summary>
public sealed class AppEndpointTests : IClassFixture<AppEndpointTests.Server>
{
    private readonly Server _server;

    public AppEndpointTests(Server server) => _server = server;

    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Webhook_paths_are_exactly_the_post_routes_the_app_maps(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var configured = manifests.Validating.Webhooks.Select(h => h.ClientConfig.Service.Path)
            .Concat(manifests.Mutating.Webhooks.Select(h => h.ClientConfig.Service.Path))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(_server.PostRoutes().Order(StringComparer.Ordinal), configured);
    }

    [Fact]
    public void The_app_maps_the_descriptor_paths_and_nothing_else_for_post()
    {
        var expected = ReviewedResource.All
            .SelectMany(r => AdmissionEndpoints.Kinds.Select(r.PathFor))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, _server.PostRoutes().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probe_paths_are_routes_the_app_answers_on_the_probed_port(string overlay)
    {
        var container = Manifests.Overlay(overlay).Container;
        var probes = new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe };
        var https = Assert.Single(container.Ports, p => p.Name == "https");
        var getRoutes = _server.Routes(HttpMethods.Get);
        using var client = _server.Webhook.CreateTlsClient();
        foreach (var probe in probes)
        {
            Assert.Equal("HTTPS", probe.HttpGet.Scheme);
            Assert.Equal(https.Name, probe.HttpGet.Port.Value);
            Assert.Contains(probe.HttpGet.Path, getRoutes);
            using var response = await client.GetAsync(new Uri(probe.HttpGet.Path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal("/livez", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
    }

    /// <summary>The real app on Kestrel TLS, reading the example cluster.</summary>
    public sealed class Server : IDisposable
    {
        private readonly TestPki _pki = new();

        public Server() => Webhook = new WebhookServer(_pki, RepositoryPaths.Examples);

        internal WebhookServer Webhook { get; }

        /// <summary>Routes mapped for POST only (the admission endpoints).</summary>
        internal IReadOnlyList<string> PostRoutes() => Routes(HttpMethods.Post, includeAnyMethod: false);

        /// <summary>Routes that answer <paramref name="method"/>; health checks are mapped for any method.</summary>
        internal IReadOnlyList<string> Routes(string method, bool includeAnyMethod = true)
        {
            _ = Webhook.BaseAddress;
            return Webhook.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods
                    ? methods.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase)
                    : includeAnyMethod)
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
                .ToList();
        }

        public void Dispose()
        {
            Webhook.Dispose();
            _pki.Dispose();
        }
    }
}

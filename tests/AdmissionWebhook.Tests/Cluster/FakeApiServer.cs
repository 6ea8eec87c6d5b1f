extern alias aot;

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AdmissionWebhook.Cluster.Kubernetes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>
/// A Kubernetes API server played by WireMock.Net over real HTTP, for the two watched resources. Each list and each
/// watch request takes the next response a test queued for it; a watch with nothing queued stays open (as a quiet
/// watch does) until the test queues events or the server is disposed. Every request is recorded when it arrives,
/// so a test can also see requests still being answered.
/// </summary>
internal sealed class FakeApiServer : IDisposable
{
    public const string NadPath = "/apis/k8s.cni.cncf.io/v1/network-attachment-definitions";
    public const string SubnetPath = "/apis/kubeovn.io/v1/subnets";
    public const string Token = "test-token";

    private readonly ConcurrentDictionary<string, Channel<FakeResponse>> _watches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeResponse> _lastLists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _gets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IRequestMessage> _received = new();
    private CancellationTokenSource _closing = new();
    private WireMockServer _server;

    public FakeApiServer()
    {
        _server = WireMockServer.Start();
        Port = _server.Port;
        Configure(_server);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>WireMock's own log of answered requests.</summary>
    public IEnumerable<WireMock.Logging.ILogEntry> LogEntries => _server.LogEntries;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<IRequestMessage> Received => [.. _received];

    /// <summary>A client as the webhook builds one, pointed at this server with a bearer token.</summary>
    public aot::k8s.Kubernetes CreateClient() => new(new aot::k8s.KubernetesClientConfiguration { Host = Url, AccessToken = Token });

    /// <summary>A kubeconfig file naming this server (for the webhook's --kubeconfig).</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Url}
            users:
            - name: tester
              user:
                token: {Token}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: tester
            current-context: fake
            """);
        return path;
    }

    /// <summary>Queues list responses for <paramref name="path"/>; the last one keeps answering once the queue is empty.</summary>
    public void QueueList(string path, params FakeResponse[] responses)
    {
        var queue = _lists.GetOrAdd(path, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>Queues watch responses for <paramref name="path"/>: the next watch request (or the one open now) gets the first.</summary>
    public void QueueWatch(string path, params FakeResponse[] responses)
    {
        var channel = WatchChannel(path);
        foreach (var response in responses)
        {
            Assert.True(channel.Writer.TryWrite(response));
        }
    }

    /// <summary>Queues answers to GET of one object path (404 when nothing is queued).</summary>
    public void QueueGet(string objectPath, params FakeResponse[] responses)
    {
        var queue = _gets.GetOrAdd(objectPath, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>Requests to <paramref name="path"/> with <c>watch=true</c> (or without it when <paramref name="watch"/> is false).</summary>
    public IReadOnlyList<IRequestMessage> Requests(string path, bool watch) =>
        [.. Received.Where(r => r.Path == path && (Param(r, "watch") == "true") == watch)];

    public static string? Param(IRequestMessage request, string name) =>
        request.Query is { } query && query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Stops answering: connections are refused until <see cref="Restart"/>.</summary>
    public void Stop()
    {
        // Open watches end first (as when an API server goes away), so the server can stop without waiting for them.
        _closing.Cancel();
        _server.Stop();
    }

    /// <summary>Serves again on the same port.</summary>
    public void Restart()
    {
        _server.Dispose();
        _closing.Dispose();
        _closing = new CancellationTokenSource();
        _server = WireMockServer.Start(new WireMockServerSettings { Port = Port });
        Configure(_server);
    }

    private void Configure(WireMockServer server)
    {
        // One catch-all mapping: the test's queues, not WireMock's matchers, decide what each request gets.
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(AnswerAsync));
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        _received.Enqueue(request);
        FakeResponse response;
        var closing = _closing.Token;
        if (Param(request, "watch") == "true")
        {
            try
            {
                response = await WatchChannel(request.Path).Reader.ReadAsync(closing);
            }
            catch (OperationCanceledException)
            {
                response = FakeResponse.Lines();
            }
        }
        else if (_lists.TryGetValue(request.Path, out var lists))
        {
            if (lists.TryDequeue(out var next))
            {
                _lastLists[request.Path] = next;
                response = next;
            }
            else
            {
                response = _lastLists.GetValueOrDefault(request.Path) ?? FakeResponse.Status(500, "InternalError");
            }
        }
        else if (_gets.TryGetValue(request.Path, out var gets) && gets.TryDequeue(out var got))
        {
            response = got;
        }
        else
        {
            response = FakeResponse.Status(404, "NotFound");
        }
        if (response.HeldUntil is { } release)
        {
            try
            {
                await release.WaitAsync(closing);
            }
            catch (OperationCanceledException)
            {
                // Disposing: answer now.
            }
        }
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, closing);
            }
            catch (OperationCanceledException)
            {
                // Disposing: answer now.
            }
        }
        return new ResponseMessage
        {
            StatusCode = response.StatusCode,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new BodyData { BodyAsString = response.Body, DetectedBodyType = BodyType.String },
        };
    }

    private Channel<FakeResponse> WatchChannel(string path) =>
        _watches.GetOrAdd(path, _ => Channel.CreateUnbounded<FakeResponse>());

    public void Dispose()
    {
        _closing.Cancel();
        _server.Dispose();
        _closing.Dispose();
    }
}

/// <summary>One canned answer of the fake API server.</summary>
internal sealed record FakeResponse(int StatusCode, string Body, TimeSpan Delay = default)
{
    /// <summary>When set, the answer is held until this task completes: a slow response the test ends when it chooses.</summary>
    public Task? HeldUntil { get; init; }

    /// <summary>A list page.</summary>
    public static FakeResponse List(string resourceVersion, string? continueToken, params JsonObject[] items)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["metadata"] = metadata, ["items"] = new JsonArray([.. items]) };
        return new(200, list.ToJsonString());
    }

    /// <summary>A watch body: newline-delimited events, then the stream closes.</summary>
    public static FakeResponse Lines(params string[] lines) => new(200, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>An error answer with a Status body.</summary>
    public static FakeResponse Status(int code, string reason) => new(code, StatusObject(code, reason).ToJsonString());

    /// <summary>One watch event line.</summary>
    public static string Event(string type, JsonObject item) => new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString();

    /// <summary>A BOOKMARK event carrying only a resourceVersion.</summary>
    public static string Bookmark(string kind, string apiVersion, string resourceVersion) => Event("BOOKMARK", new JsonObject
    {
        ["kind"] = kind,
        ["apiVersion"] = apiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
    });

    /// <summary>The ERROR event the API server sends when a watch's resourceVersion is too old.</summary>
    public static string GoneEvent() => Event("ERROR", StatusObject(410, "Expired"));

    private static JsonObject StatusObject(int code, string reason) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"{reason} (test)",
        ["reason"] = reason,
        ["code"] = code,
    };
}

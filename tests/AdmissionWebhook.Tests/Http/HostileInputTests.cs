using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdmissionWebhook.Tests.Http;

/// <summary>
/// The findings of issue #13 that a client can send, through real Kestrel TLS: each answers a 400 problem body or a
/// 200 decision, never a 500, and logs one line without a stack trace or object content.
/// </summary>
public sealed class HostileInputTests : IClassFixture<HostileInputTests.Server>
{
    private const string NadValidate = "/validate-k8s-cni-cncf-io-v1-networkattachmentdefinition";
    private const string NadMutate = "/mutate-k8s-cni-cncf-io-v1-networkattachmentdefinition";
    private const string SubnetValidate = "/validate-kubeovn-io-v1-subnet";
    private const string VmMutate = "/mutate-kubevirt-io-v1-virtualmachine";
    private const string VmValidate = "/validate-kubevirt-io-v1-virtualmachine";

    private readonly Server _server;
    private readonly HttpClient _client;

    public HostileInputTests(Server server)
    {
        _server = server;
        _client = server.Client;
    }

    private static string NadReview(string configJsonText, string uid = "uid-nad") =>
        Envelope(uid, "k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition", "network-attachment-definitions",
            $$$"""{"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"attachnet2","namespace":"default"},"spec":{"config":{{{configJsonText}}}}}""");

    private static string Envelope(string uidJson, string group, string version, string kind, string resource, string objectJson, string operation = "CREATE") =>
        $$$"""
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"{{{uidJson}}}",
         "kind":{"group":"{{{group}}}","version":"{{{version}}}","kind":"{{{kind}}}"},
         "resource":{"group":"{{{group}}}","version":"{{{version}}}","resource":"{{{resource}}}"},
         "operation":"{{{operation}}}","namespace":"default","userInfo":{"username":"alice"},"object":{{{objectJson}}}}}
        """;

    private static string VmReview(string objectJson, string uid = "uid-vm") =>
        Envelope(uid, "kubevirt.io", "v1", "VirtualMachine", "virtualmachines", objectJson);

    /// <summary>A JSON string literal holding <paramref name="text"/> (the config is a string inside the NAD).</summary>
    private static string Quoted(string text) => JsonValue.Create(text).ToJsonString();

    [Theory]
    [InlineData(NadValidate)]
    [InlineData(NadMutate)]
    public async Task Nad_config_with_a_duplicate_key_is_read_as_go_reads_it_the_last_value(string path)
    {
        // Go keeps the last "type": this is a Kube-OVN config, and a valid one.
        var config = """{"cniVersion":"0.3.1","type":"bridge","type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"attachnet2.default.ovn"}""";

        var (status, body) = await ReviewClient.PostRawAsync(_client, path, NadReview(Quoted(config)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"allowed\":true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nad_config_with_a_lone_surrogate_escape_is_read_with_a_replacement_character()
    {
        // The provider's lone surrogate becomes U+FFFD, as in Go: a provider that is no DNS name, denied by the rule.
        var config = """{"cniVersion":"0.3.1","type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"a\ud800.default.ovn"}""";

        var (status, body) = await ReviewClient.PostRawAsync(_client, NadValidate, NadReview(Quoted(config)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"allowed\":false", body, StringComparison.Ordinal);
        Assert.DoesNotContain("NadConfigInvalidJson", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nad_config_that_go_cannot_read_is_denied_as_invalid_json()
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, NadValidate, NadReview(Quoted("""{"type":"kube-ovn",}""")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("NadConfigInvalidJson", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uid-\\ud800")]
    [InlineData("uid-\\udc00-x")]
    [InlineData("uid-\\ud800\\u0041")]
    public async Task Envelope_string_with_a_lone_surrogate_is_a_400_problem(string uid)
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmValidate, VmReview("""{"metadata":{"name":"vm"}}""", uid));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("lone UTF-16 surrogate", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_field_the_webhook_does_not_read_is_a_400_problem()
    {
        var text = VmReview("""{"metadata":{"name":"vm","annotations":{"note":"XX"}}}""");
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = text.IndexOf("XX", StringComparison.Ordinal);
        bytes[at] = 0xC3; // a lead byte followed by no continuation byte
        bytes[at + 1] = 0x28;

        var (status, body) = await ReviewClient.PostBytesAsync(_client, VmValidate, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid UTF-8", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000h")]
    [InlineData("1e300h")]
    [InlineData("soon")]
    public async Task Timeout_that_no_api_server_sends_is_a_400_problem(string timeout)
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, $"{VmValidate}?timeout={timeout}", VmReview("""{"metadata":{"name":"vm"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Invalid timeout", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subnet_with_a_null_exclude_ip_is_a_denial()
    {
        var subnet = """{"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"s1"},"spec":{"protocol":"IPv4","cidrBlock":"10.9.0.0/16","gateway":"10.9.0.1","excludeIps":[null]}}""";
        var review = Envelope("uid-subnet", "kubeovn.io", "v1", "Subnet", "subnets", subnet);

        var (status, body) = await ReviewClient.PostRawAsync(_client, SubnetValidate, review);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("SubnetExcludeIpsInvalid", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VmMutate)]
    [InlineData(VmValidate)]
    public async Task Object_with_a_duplicate_key_is_a_400_problem(string path)
    {
        var vm = """{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vm","name":"vm"},"spec":{}}""";

        var (status, body) = await ReviewClient.PostRawAsync(_client, path, VmReview(vm));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Malformed AdmissionReview", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Internal_failure_logs_no_exception_message()
    {
        var (status, _) = await ReviewClient.PostRawAsync(_client, "/test-throws", VmReview("""{"metadata":{"name":"vm"}}""", "uid-throws"));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        var entry = Assert.Single(_server.Logs.Entries, e => e.Message.Contains("uid-throws", StringComparison.Ordinal));
        Assert.Null(entry.Exception);
        Assert.DoesNotContain("secret key name", entry.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ArgumentException), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_fault_logs_one_line_without_a_stack_trace()
    {
        // The only request to this path in the class, so its log line is the only one naming it.
        var (status, _) = await ReviewClient.PostRawAsync(_client, "/mutate-kubeovn-io-v1-subnet", "{\"apiVersion\":");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var entry = Assert.Single(_server.Logs.Entries, e => e.Message.Contains("/mutate-kubeovn-io-v1-subnet", StringComparison.Ordinal));
        Assert.Null(entry.Exception);
        Assert.DoesNotContain('\n', entry.Message);
    }

    [Fact]
    public async Task Truncated_body_logs_one_line_without_a_stack_trace()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port, TestContext.Current.CancellationToken);
        await using (var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null))
        {
            await tls.AuthenticateAsClientAsync("localhost");
            var head = $"POST {VmValidate} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{{\"apiVersion\":";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
            await tls.FlushAsync(TestContext.Current.CancellationToken);
        }
        tcp.Close();

        // Wait for the observable condition: the server logs the request's end.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_server.Logs.Entries.Any(e => e.Message.Contains("ended while its body was read", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.Contains(_server.Logs.Entries, e => e.Message.Contains("ended while its body was read", StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Level >= LogLevel.Error && e.Exception is not null);
    }

    [Fact]
    public async Task Requests_beyond_the_memory_budget_get_503_with_retry_after()
    {
        // The budget is 16 MiB (the smallest allowed); a held 200 KB validation is charged 64 bytes per body byte,
        // 12.8 MB, which leaves no room for a second one but room for a small one.
        var padding = new string('x', 200_000);
        var big = VmReview("""{"metadata":{"name":"vm","annotations":{"pad":" """.TrimEnd() + padding + "\"}}}", "uid-held");
        var held = ReviewClient.PostRawAsync(_client, "/test-hold", big);
        await _server.HoldEntered.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        using var content = new StringContent(big.Replace("uid-held", "uid-second", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        using var second = await _client.PostAsync(VmValidate, content, TestContext.Current.CancellationToken);
        // A small review still fits beside the held one.
        var (smallStatus, _) = await ReviewClient.PostRawAsync(_client, VmValidate, VmReview("""{"metadata":{"name":"vm"}}"""));
        _server.ReleaseHold.TrySetResult();
        var (heldStatus, _) = await held;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("1", second.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, smallStatus);
        Assert.Equal(HttpStatusCode.OK, heldStatus);
    }

    [Fact]
    public async Task A_review_estimated_above_the_whole_memory_budget_gets_503_without_retry_after_before_its_body_is_reviewed()
    {
        // 16 MiB at 64 bytes per body byte: validations of up to 262,144 bytes. The API server accepts the object, so
        // the limit is this Pod's memory, not the request: 503, and the failurePolicy decides (never an allow).
        var padding = new string('x', 300_000);
        var review = VmReview("""{"metadata":{"name":"vm","annotations":{"pad":" """.TrimEnd() + padding + "\"}}}");

        using var content = new StringContent(review, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(VmValidate, content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // Retrying cannot help: the review will not fit later either (a full budget's 503 does carry Retry-After).
        Assert.Null(response.Headers.RetryAfter);
        Assert.Contains("memory budget", body, StringComparison.Ordinal);
        Assert.Contains("262144", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"allowed\"", body, StringComparison.Ordinal);
    }

    /// <summary>The webhook with the smallest memory budget (16 MiB), a captured log and scripted reviewers.</summary>
    public sealed class Server : IDisposable
    {
        private readonly TestPki _pki = new();
        private readonly WebhookServer _webhook;

        public Server()
        {
            _webhook = new WebhookServer(_pki, RepositoryPaths.Examples, new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Webhook:RequestMemoryBudgetBytes"] = "0",
                ["Webhook:RequestMemoryWait"] = "00:00:00.100",
            })
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<ILoggerProvider>(Logs);
                    services.AddSingleton<IAdmissionReviewer>(new ScriptedReviewer("/test-throws",
                        _ => throw new ArgumentException("An item with the same key has already been added. Key: secret key name")));
                    services.AddSingleton<IAdmissionReviewer>(new ScriptedReviewer("/test-hold", async token =>
                    {
                        HoldEntered.TrySetResult();
                        await ReleaseHold.Task.WaitAsync(token);
                        return AdmissionDecision.Allowed;
                    }));
                },
            };
            Client = _webhook.CreateTlsClient();
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public TaskCompletionSource HoldEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseHold { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HttpClient Client { get; }

        public Uri BaseAddress => _webhook.BaseAddress;

        public void Dispose()
        {
            ReleaseHold.TrySetResult();
            Client.Dispose();
            _webhook.Dispose();
            _pki.Dispose();
        }
    }
}

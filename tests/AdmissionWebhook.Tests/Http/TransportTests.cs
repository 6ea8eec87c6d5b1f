using System.Net;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.Http;

/// <summary>
/// The error taxonomy through real Kestrel TLS over HTTP/1.1: exact status codes and bodies for every kind of bad
/// input, and the server keeps serving afterwards.
/// </summary>
public sealed class TransportTests : IClassFixture<TransportTests.Server>
{
    private const string VmPath = "/validate-kubevirt-io-v1-virtualmachine";
    private readonly HttpClient _client;

    public TransportTests(Server server) => _client = server.Client;

    // Readable, as the server writes it: a quote is \", an apostrophe stays as it is.
    private static string Problem(int status, string title, string detail) =>
        JsonText.ToJson(new JsonObject { ["type"] = "urn:admission-webhook:error", ["title"] = title, ["status"] = status, ["detail"] = detail });

    private static JsonObject VmRequest(string uid = "uid-1") => new()
    {
        ["uid"] = uid,
        ["kind"] = new JsonObject { ["group"] = "kubevirt.io", ["version"] = "v1", ["kind"] = "VirtualMachine" },
        ["resource"] = new JsonObject { ["group"] = "kubevirt.io", ["version"] = "v1", ["resource"] = "virtualmachines" },
        ["operation"] = "CREATE",
        ["namespace"] = "default",
        ["name"] = "vm1",
        ["userInfo"] = new JsonObject { ["username"] = "alice" },
        ["object"] = JsonNode.Parse("""{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vm1","namespace":"default"},"spec":{}}"""),
        ["oldObject"] = null,
        ["dryRun"] = false,
    };

    [Fact]
    public async Task Empty_body_is_400_with_a_problem_body()
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath, "");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Problem(400, "Empty body", "the request body is empty: POST an admission.k8s.io/v1 AdmissionReview"), body);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath, "{}", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(Problem(415, "Unsupported media type", "Content-Type must be application/json, not \"text/plain\""), body);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/json ; charset=UTF-8")]
    public async Task Json_media_type_is_accepted_with_parameters_and_in_any_case(string contentType)
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath, JsonText.ToJson(ReviewClient.Envelope(VmRequest())), contentType);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"allowed\":true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_and_the_server_keeps_serving()
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath, "garbage");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Problem(400, "Malformed AdmissionReview",
            "the body is not valid JSON: 'g' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0."), body);

        var response = await ReviewClient.ReviewAsync(_client, VmPath, ReviewClient.Envelope(VmRequest()));
        Assert.True(response.Allowed);
    }

    [Theory]
    [InlineData("[]", "the body must be a JSON object, not a JSON array")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":7}}""", "request.uid must be a JSON string, not a JSON number")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","userInfo":{"groups":"g"}}}""", "request.userInfo.groups must be a JSON array, not a JSON string")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","dryRun":"yes"}}""", "request.dryRun must be true or false, not a JSON string")]
    public async Task JSON_that_is_no_AdmissionReview_is_400_naming_the_member(string json, string problem)
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Problem(400, "Malformed AdmissionReview", $"the body is not a valid AdmissionReview: {problem}"), body);
    }

    [Fact]
    public async Task Review_without_uid_is_400()
    {
        var request = VmRequest();
        request.Remove("uid");
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath,
            new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Problem(400, "Missing request.uid", "the AdmissionReview has no request.uid, so no response could be matched to it"), body);
    }

    [Fact]
    public async Task Other_review_versions_are_400()
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, VmPath,
            new JsonObject { ["apiVersion"] = "admission.k8s.io/v1beta1", ["kind"] = "AdmissionReview", ["request"] = VmRequest() }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Problem(400, "Unsupported AdmissionReview version",
            "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got \"admission.k8s.io/v1beta1\" \"AdmissionReview\""), body);
    }

    [Fact]
    public async Task Body_over_7_MiB_is_413()
    {
        // Expect: 100-continue lets the client hear the early 413 instead of pushing 7 MiB into a closing socket.
        using var request = new HttpRequestMessage(HttpMethod.Post, VmPath)
        {
            Content = new StringContent("{\"pad\":\"" + new string('x', 7 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(Problem(413, "Body too large", "the body exceeds 7340032 bytes (object and oldObject of up to 3 MiB each, plus the envelope)"), body);
    }

    [Fact]
    public async Task Kind_of_another_endpoint_is_a_200_denial_with_code_400()
    {
        var request = VmRequest();
        request["kind"] = new JsonObject { ["group"] = "kubeovn.io", ["version"] = "v1", ["kind"] = "Subnet" };

        var response = await ReviewClient.ReviewAsync(_client, VmPath, ReviewClient.Envelope(request));

        Assert.False(response.Allowed);
        Assert.Equal(400, response.Status!.Code);
        Assert.Equal("BadRequest", response.Status.Reason);
        Assert.Equal("this webhook reviews kubevirt.io/v1 VirtualMachine, not kubeovn.io/v1 Subnet: check the webhook configuration's rules", response.Status.Message);
    }

    [Fact]
    public async Task Object_that_does_not_decode_is_a_200_denial_with_code_400()
    {
        var request = VmRequest();
        request["object"] = JsonNode.Parse("""{"metadata":{"name":"vm1"},"spec":{"template":{"spec":{"networks":"not-a-list"}}}}""");

        var response = await ReviewClient.ReviewAsync(_client, VmPath, ReviewClient.Envelope(request));

        Assert.False(response.Allowed);
        Assert.Equal(400, response.Status!.Code);
        // Kubernetes terms: the field path and what it must hold, no .NET type name.
        Assert.Equal("request.object is not a valid kubevirt.io/v1 VirtualMachine: spec.template.spec.networks: expected a list of objects",
            response.Status.Message);
    }

    [Fact]
    public async Task Validating_answers_never_carry_a_patch_and_echo_the_uid()
    {
        var response = await ReviewClient.ReviewAsync(_client, VmPath, ReviewClient.Envelope(VmRequest("abc-123")));
        Assert.Equal("abc-123", response.Uid);
        Assert.Null(response.Patch);
        Assert.Null(response.PatchType);
    }

    [Fact]
    public async Task Status_subresource_and_connect_are_out_of_scope()
    {
        var status = VmRequest();
        status["subResource"] = "status";
        var connect = VmRequest();
        connect["operation"] = "CONNECT";

        Assert.True((await ReviewClient.ReviewAsync(_client, VmPath, ReviewClient.Envelope(status))).Allowed);
        Assert.True((await ReviewClient.ReviewAsync(_client, VmPath, ReviewClient.Envelope(connect))).Allowed);
    }

    [Fact]
    public async Task Cluster_view_that_cannot_answer_is_503_with_retry_after()
    {
        using var content = new StringContent(ReviewClient.Envelope(VmRequest()).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/test-unavailable", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Problem(503, "Cluster view unavailable",
            "the webhook cannot look up the cluster right now (caches not synced); the webhook configuration's failurePolicy decides"),
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unexpected_exception_is_500_with_a_generic_body()
    {
        var (status, body) = await ReviewClient.PostRawAsync(_client, "/test-throws", ReviewClient.Envelope(VmRequest("uid-500")).ToJsonString());
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(Problem(500, "Internal error", "the webhook failed to review request uid-500; details are in its log"), body);
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_query_parameter_is_the_deadline()
    {
        // The scripted reviewer never finishes on its own: only the deadline from ?timeout= can end the review. The
        // outer wait bounds a hang; how long the answer took is not asserted (a loaded machine stretches it).
        var (status, body) = await ReviewClient.PostRawAsync(_client, "/test-slow?timeout=1s", ReviewClient.Envelope(VmRequest()).ToJsonString())
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(Problem(503, "Deadline exceeded", "the review did not finish within the API server's timeout"), body);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var live = await _client.GetAsync("/livez", TestContext.Current.CancellationToken);
        using var ready = await _client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(new Version(1, 1), ready.Version);
    }

    /// <summary>The webhook with three scripted reviewers beside the real ones.</summary>
    public sealed class Server : IDisposable
    {
        private readonly TestPki _pki = new();
        private readonly WebhookServer _webhook;

        public Server()
        {
            _webhook = new WebhookServer(_pki, RepositoryPaths.Examples)
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IAdmissionReviewer>(new ScriptedReviewer("/test-throws", _ => throw new InvalidOperationException("secret detail")));
                    services.AddSingleton<IAdmissionReviewer>(new ScriptedReviewer("/test-unavailable", _ => throw new LookupUnavailableException("caches not synced")));
                    services.AddSingleton<IAdmissionReviewer>(new ScriptedReviewer("/test-slow", async token =>
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, token);
                        return AdmissionDecision.Allowed;
                    }));
                },
            };
            Client = _webhook.CreateTlsClient();
        }

        public HttpClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            _webhook.Dispose();
            _pki.Dispose();
        }
    }
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdmissionWebhook.Tests.Telemetry;

/// <summary>
/// One structured line per decision, with identifiers and outcome, and never the object's content: a plain allow at
/// Debug, a decision with a code at Information.
/// </summary>
public sealed class DecisionLogTests : IDisposable
{
    private const string Secret = "password: hunter2-cloud-init";
    private readonly TestPki _pki = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly WebhookServer _server;

    public DecisionLogTests()
    {
        _server = new WebhookServer(_pki, RepositoryPaths.Examples, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" })
        {
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs),
        };
    }

    [Fact]
    public async Task Each_review_logs_one_decision_line_without_object_content()
    {
        using var client = _server.CreateTlsClient();
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "reviews", "hotplug-dyniface1.json")))!.AsObject();
        review["request"]!["uid"] = "uid-log-1";
        review["request"]!["object"]!["spec"]!["template"]!["spec"]!["volumes"]!.AsArray()
            .Add(new JsonObject { ["name"] = "cloudinit", ["cloudInitNoCloud"] = new JsonObject { ["userData"] = Secret } });

        await ReviewClient.ReviewAsync(client, "/validate-kubevirt-io-v1-virtualmachine", review);

        var decision = Assert.Single(_logs.Entries, e => e.EventId.Id == 1 && Equals(e.State.GetValueOrDefault("Uid"), "uid-log-1"));
        Assert.Equal(LogLevel.Debug, decision.Level);
        Assert.Equal("virtualmachines", decision.State["Resource"]);
        Assert.Equal("default", decision.State["ObjectNamespace"]);
        Assert.Equal("vm-fedora", decision.State["ObjectName"]);
        Assert.Equal("UPDATE", decision.State["Operation"]);
        Assert.Equal("alice", decision.State["User"]);
        Assert.Equal("allowed", decision.State["Decision"]);
        Assert.True(decision.State.ContainsKey("DurationMs"));
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_denial_logs_at_information_with_its_codes()
    {
        using var client = _server.CreateTlsClient();
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "reviews", "hotplug-dyniface1.json")))!.AsObject();
        review["request"]!["uid"] = "uid-log-2";
        // The hot-plugged interface with a model hot-plugged NICs cannot have.
        review["request"]!["object"]!["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![1]!["model"] = "e1000";

        var response = await ReviewClient.ReviewAsync(client, "/validate-kubevirt-io-v1-virtualmachine", review);

        Assert.False(response.Allowed);
        var decision = Assert.Single(_logs.Entries, e => e.EventId.Id == 1 && Equals(e.State.GetValueOrDefault("Uid"), "uid-log-2"));
        Assert.Equal(LogLevel.Information, decision.Level);
        Assert.Equal("denied", decision.State["Decision"]);
        Assert.Equal("VmHotplugModelUnsupported", decision.State["Codes"]);
    }

    [Fact]
    public void Only_a_plain_allow_is_quiet()
    {
        var warning = new RuleFailure("VmNadMissing", "spec", "m");
        Assert.Equal(LogLevel.Debug, AdmissionHttpHandler.DecisionLogLevel(AdmissionDecision.Allowed));
        Assert.Equal(LogLevel.Information, AdmissionHttpHandler.DecisionLogLevel(new AdmissionDecision.Allow([warning])));
        Assert.Equal(LogLevel.Information, AdmissionHttpHandler.DecisionLogLevel(new AdmissionDecision.Deny([warning], [])));
        Assert.Equal(LogLevel.Information, AdmissionHttpHandler.DecisionLogLevel(
            new AdmissionDecision.Patch([new JsonPatchOperation(JsonPatchOperation.AddOp, JsonPointer.Of("spec", "x"), JsonValue.Create(1))], ["VmHotplugDefaultBridge"], [])));
        Assert.Equal(LogLevel.Information, AdmissionHttpHandler.DecisionLogLevel(new AdmissionDecision.Error(400, "bad")));
    }

    public void Dispose()
    {
        _server.Dispose();
        _pki.Dispose();
    }
}

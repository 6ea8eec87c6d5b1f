using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook.Tests.Rules;

/// <summary><c>Rules:&lt;Code&gt;</c> = Deny | Warn | Off, applied by the pipeline to every rule.</summary>
public sealed class PolicyOverrideTests
{
    private static readonly JsonNode BrokenNad = JsonNode.Parse("""
        {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"n","namespace":"default"},"spec":{"config":"{"}}
        """)!;

    private static readonly JsonNode EmptyNad = JsonNode.Parse("""
        {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"n","namespace":"default"},"spec":{}}
        """)!;

    /// <summary>The NAD reviewer of the real composition, configured through <c>Rules:&lt;Code&gt;</c> settings.</summary>
    private static Reviewing Harness(params (string Code, RuleAction Action)[] overrides) =>
        new(TestServices.Build(overrides.ToDictionary(o => $"Rules:{o.Code}", o => (string?)o.Action.ToString())));

    private sealed class Reviewing(ServiceProvider services)
    {
        public async Task<AdmissionDecision> ValidateAsync(AdmissionRequest request)
        {
            await using var owned = services;
            return await services.Reviewer<NetworkAttachmentDefinition>().ReviewAsync(request, WebhookKind.Validate, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Default_action_denies()
    {
        var decision = await Harness().ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", BrokenNad, null));
        DecisionAssert.Denied(decision, [("NadConfigInvalidJson", "spec.config")]);
    }

    [Fact]
    public async Task Warn_turns_a_denial_into_a_warning()
    {
        var decision = await Harness(("NadConfigInvalidJson", RuleAction.Warn)).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", BrokenNad, null));
        DecisionAssert.AllowedWithWarnings(decision, ("NadConfigInvalidJson", "spec.config"));
    }

    [Fact]
    public async Task Off_silences_a_rule()
    {
        var decision = await Harness(("NadConfigInvalidJson", RuleAction.Off)).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", BrokenNad, null));
        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Deny_turns_a_warning_into_a_denial()
    {
        var decision = await Harness(("NadConfigEmpty", RuleAction.Deny)).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", EmptyNad, null));
        DecisionAssert.Denied(decision, [("NadConfigEmpty", "spec.config")]);
    }

    [Fact]
    public void Configuration_binds_overrides_exempt_and_system_users_socket_and_bindings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rules:NadConfigEmpty"] = "off",
            ["Webhook:DefaultServerSocket"] = "/var/run/kube-ovn.sock",
            ["Webhook:ExemptUsers:0"] = "system:serviceaccount:ops:bot",
            ["Webhook:SystemUsers:0"] = "system:serviceaccount:ops:cleaner",
            ["Hotplug:AllowedBindings:0"] = "bridge",
            ["Hotplug:AllowedBindings:1"] = "sriov",
        }).Build();
        var options = new WebhookOptions();
        configuration.GetSection(WebhookOptions.Section).Bind(options);

        var policy = WebhookServiceCollectionExtensions.CreatePolicy(configuration, options);

        Assert.Equal(RuleAction.Off, policy.Overrides["NadConfigEmpty"]);
        Assert.Equal("/var/run/kube-ovn.sock", policy.DefaultServerSocket);
        Assert.True(policy.IsExempt("system:serviceaccount:ops:bot"));
        Assert.False(policy.IsExempt(AdmissionPolicy.KubeVirtControllerUser));
        Assert.True(policy.IsSystemActor("system:serviceaccount:ops:cleaner"));
        Assert.False(policy.IsSystemActor("system:serviceaccount:kube-system:namespace-controller"));
        Assert.Equal(["bridge", "sriov"], policy.AllowedHotplugBindings.Order());
    }

    [Fact]
    public void Defaults_are_the_ones_RULES_md_states()
    {
        var policy = WebhookServiceCollectionExtensions.CreatePolicy(new ConfigurationBuilder().Build(), new WebhookOptions());

        Assert.Empty(policy.Overrides);
        Assert.True(policy.IsExempt("system:serviceaccount:kubevirt:kubevirt-controller"));
        Assert.Equal("/run/openvswitch/kube-ovn-daemon.sock", policy.DefaultServerSocket);
        Assert.Equal(["bridge"], policy.AllowedHotplugBindings);
        Assert.Equal(
            ["system:serviceaccount:kube-system:generic-garbage-collector", "system:serviceaccount:kube-system:namespace-controller", "system:serviceaccount:kube-system:ovn"],
            policy.SystemUsers.Order(StringComparer.Ordinal));
        Assert.False(policy.IsSystemActor(AdmissionPolicy.KubeVirtControllerUser));
    }

    [Theory]
    [InlineData("Rules:NoSuchRule", "Deny", "Rules:NoSuchRule: no rule has this code")]
    [InlineData("Rules:NadConfigEmpty", "Sometimes", "Rules:NadConfigEmpty: \"Sometimes\" is not Deny, Warn or Off")]
    public void Unknown_codes_and_actions_stop_start_up(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => WebhookServiceCollectionExtensions.CreatePolicy(configuration, new WebhookOptions()));

        Assert.Equal(message, error.Message);
    }
}

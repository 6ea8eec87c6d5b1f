using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// NadInUseBySubnet on UPDATE guards a provider the NAD actually served: a NAD whose old config already wrote a
/// non-canonical provider gave the Subnet nothing, so editing that provider again takes nothing away.
/// </summary>
public sealed class NadInUseProviderTests
{
    private const string Config = "spec.config";

    private readonly RuleHarness<NetworkAttachmentDefinition> _harness =
        NadHarness(ClusterOf(Subnet("attach-subnet", "attachnet.default.ovn")));

    private Task<AdmissionWebhook.Admission.AdmissionDecision> UpdateAsync(string oldConfig, string config) =>
        _harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", Nad("attachnet", config), Nad("attachnet", oldConfig)));

    [Fact]
    public async Task Editing_an_already_non_canonical_provider_of_an_in_use_nad_is_not_an_in_use_change()
    {
        var decision = await UpdateAsync(OvnConfig("other.default.ovn"), OvnConfig("third.default.ovn"));

        DecisionAssert.Denied(decision, [("NadProviderMismatch", Config)]);
    }

    [Fact]
    public async Task Repairing_a_non_canonical_provider_of_an_in_use_nad_is_allowed()
    {
        DecisionAssert.Allowed(await UpdateAsync(OvnConfig("other.default.ovn"), OvnConfig("attachnet.default.ovn")));
    }

    [Fact]
    public async Task Moving_a_canonical_provider_of_an_in_use_nad_away_is_an_in_use_change()
    {
        var decision = await UpdateAsync(OvnConfig("attachnet.default.ovn"), OvnConfig("third.default.ovn"));

        DecisionAssert.Denied(decision, [("NadInUseBySubnet", Config), ("NadProviderMismatch", Config)]);
    }
}

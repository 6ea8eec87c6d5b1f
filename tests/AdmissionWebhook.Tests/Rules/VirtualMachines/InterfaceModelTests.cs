using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// VmModelInvalid: every model KubeVirt's <c>validateInterfaceModel</c> accepts passes, and a refused model gets the
/// hint that fits it (a misspelt virtio is told to write virtio).
/// </summary>
public sealed class InterfaceModelTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionWebhook.Admission.AdmissionDecision> CreateOnPodNetworkAsync(string model) =>
        _harness.ValidateAsync(Create(Vm([$$"""{"masquerade":{},"name":"defaultnetwork","model":"{{model}}"}"""], [DefaultNet])));

    [Theory]
    [InlineData("e1000")]
    [InlineData("e1000e")]
    [InlineData("igb")]
    [InlineData("ne2k_pci")]
    [InlineData("pcnet")]
    [InlineData("rtl8139")]
    [InlineData("virtio")]
    public async Task Accepts_every_model_kubevirt_supports(string model)
    {
        DecisionAssert.Allowed(await CreateOnPodNetworkAsync(model));
    }

    [Theory]
    [InlineData("virtio-net-pci")]
    [InlineData("VirtIO")]
    public async Task Tells_a_misspelt_virtio_to_write_virtio(string model)
    {
        var decision = await CreateOnPodNetworkAsync(model);
        DecisionAssert.Denied(decision, [("VmModelInvalid", IfaceAt(0, "model"))]);
        Assert.Equal(
            $"interface \"defaultnetwork\" has model \"{model}\", which KubeVirt does not support: write model: virtio",
            DecisionAssert.MessageOf(decision, "VmModelInvalid"));
    }

    [Fact]
    public async Task Tells_any_other_unsupported_model_to_use_virtio_or_drop_the_model()
    {
        var decision = await CreateOnPodNetworkAsync("rtl9000");
        DecisionAssert.Denied(decision, [("VmModelInvalid", IfaceAt(0, "model"))]);
        Assert.Equal(
            "interface \"defaultnetwork\" has model \"rtl9000\", which KubeVirt does not support: use virtio, or remove model",
            DecisionAssert.MessageOf(decision, "VmModelInvalid"));
    }
}

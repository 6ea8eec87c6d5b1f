using AdmissionWebhook.Admission;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// The whole text of each hot-plug refusal: the interface or network, what is wrong with it on a running VM, and the
/// way out (the cluster's allowed bindings, virtio, the NAD or Subnet to create).
/// </summary>
public sealed class HotplugMessageTests
{
    private static Task<AdmissionDecision> HotplugAsync(string iface, string network, AdmissionPolicy? policy = null) =>
        Harness(policy: policy).ValidateAsync(Update(Seed(), Vm([DefaultIface, iface], [DefaultNet, network])));

    [Fact]
    public async Task Sriov_is_told_that_it_plugs_only_through_a_live_migration()
    {
        var decision = await HotplugAsync(Sriov("dynsriov1"), Multus("dynsriov1", "sriov-attachnet"));
        Assert.Equal(
            "interface \"dynsriov1\" is hot-plugged with sriov, but this cluster hot-plugs only bridge: " +
            "SR-IOV plugs only through a live migration; use bridge: {} or add it while the VM is stopped",
            DecisionAssert.MessageOf(decision, "VmHotplugBindingUnsupported"));
    }

    [Fact]
    public async Task Another_binding_is_told_the_allowed_ones_in_order()
    {
        var policy = new AdmissionPolicy(allowedHotplugBindings: ["sriov", "bridge"]);
        var decision = await HotplugAsync("""{"name":"dyniface1","masquerade":{}}""", Multus("dyniface1"), policy);
        Assert.Equal(
            "interface \"dyniface1\" is hot-plugged with masquerade, but this cluster hot-plugs only bridge, sriov: use bridge: {} or add it while the VM is stopped",
            DecisionAssert.MessageOf(decision, "VmHotplugBindingUnsupported"));
    }

    [Fact]
    public async Task A_non_virtio_model_is_told_to_become_virtio()
    {
        var decision = await HotplugAsync(Bridge("dyniface1", ""","model":"e1000" """), Multus("dyniface1"));
        Assert.Equal(
            "interface \"dyniface1\" is hot-plugged with model \"e1000\", but hot-plugged NICs are virtio: remove model or set virtio",
            DecisionAssert.MessageOf(decision, "VmHotplugModelUnsupported"));
    }

    [Fact]
    public async Task A_new_absent_interface_is_told_it_would_never_be_plugged()
    {
        var decision = await HotplugAsync(Bridge("dyniface1", ""","state":"absent" """), Multus("dyniface1"));
        Assert.Equal(
            "interface \"dyniface1\" is new and already absent, so it would never be plugged: remove state: absent, or do not add it",
            DecisionAssert.MessageOf(decision, "VmHotplugNewInterfaceAbsent"));
    }

    [Fact]
    public async Task A_missing_nad_names_the_reference_and_the_written_networkName()
    {
        var decision = await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1", "missingnet"));
        Assert.Equal(
            "network \"dyniface1\" names NetworkAttachmentDefinition default/missingnet, which does not exist: create it first, or fix networkName \"missingnet\"",
            DecisionAssert.MessageOf(decision, "VmHotplugNadMissing"));
    }

    [Fact]
    public async Task A_kube_ovn_nad_without_subnet_names_the_provider_the_subnet_needs()
    {
        var decision = await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1", "nosubnet"));
        Assert.Equal(
            "network \"dyniface1\" uses Kube-OVN NAD default/nosubnet, but no Subnet has spec.provider \"nosubnet.default.ovn\": create that Subnet first, or the VM gets no address",
            DecisionAssert.MessageOf(decision, "VmHotplugSubnetMissing"));
    }
}

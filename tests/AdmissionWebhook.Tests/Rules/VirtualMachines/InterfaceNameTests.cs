using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// VmInterfaceNameInvalid on interfaces and on networks no interface shares: which entry is reported, and the message
/// that says what is wrong with the name (missing, too long, a bad character) with a name that would pass.
/// </summary>
public sealed class InterfaceNameTests
{
    private const string Code = "VmInterfaceNameInvalid";

    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionWebhook.Admission.AdmissionDecision> CreateAsync(string[] interfaces, string[] networks) =>
        _harness.ValidateAsync(Create(Vm(interfaces, networks)));

    [Fact]
    public async Task A_name_of_64_characters_is_told_its_length_and_the_limit()
    {
        var name = new string('a', 64);
        var decision = await CreateAsync([DefaultIface, Bridge(name)], [DefaultNet, Multus(name)]);
        Assert.Equal($"interface name \"{name}\" is 64 characters long: shorten it to at most 63", DecisionAssert.MessageOf(decision, Code));
    }

    [Fact]
    public async Task A_name_with_other_characters_gets_a_suggestion_with_dashes()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyn.if:1")], [DefaultNet, Multus("dyn.if:1")]);
        Assert.Equal(
            "interface name \"dyn.if:1\" may contain only letters, digits, '-' and '_': rename it, e.g. \"dyn-if-1\"",
            DecisionAssert.MessageOf(decision, Code));
    }

    [Fact]
    public async Task A_name_ending_in_a_line_break_is_invalid()
    {
        // KubeVirt's Go pattern ends at the end of the text; .NET's "$" would also match before a final "\n".
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1\\n")], [DefaultNet, Multus("dyniface1\\n")]);
        Assert.Equal(
            "interface name \"dyniface1\n\" may contain only letters, digits, '-' and '_': rename it, e.g. \"dyniface1-\"",
            DecisionAssert.MessageOf(decision, Code));
        Assert.False(AdmissionWebhook.Rules.VirtualMachines.InterfaceNameRules.IsValid("dyniface1\n"));
    }

    [Fact]
    public async Task A_nameless_interface_is_told_to_get_a_name()
    {
        var decision = await CreateAsync([DefaultIface, """{"name":"","bridge":{}}"""], [DefaultNet]);
        Assert.Equal("interface has no name: give it a name of letters, digits, '-' or '_'", DecisionAssert.MessageOf(decision, Code));
    }

    [Fact]
    public async Task A_badly_named_network_without_an_interface_of_its_name_is_reported_on_the_network()
    {
        var decision = await CreateAsync([DefaultIface], [DefaultNet, Multus("dyn.net")]);
        DecisionAssert.Denied(decision, [(Code, NetAt(1, "name")), ("VmNetworkWithoutInterface", NetAt(1, "name"))]);
        Assert.StartsWith("network name \"dyn.net\" may contain only", DecisionAssert.MessageOf(decision, Code), StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Resources;

public sealed class CniConfigTests
{
    private const string Socket = "/run/openvswitch/kube-ovn-daemon.sock";

    [Theory]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"server_socket\":\"/s\",\"provider\":\"a.b.ovn\"}", CniFlavour.Ovn, "", "a.b.ovn", "/s")]
    [InlineData("{\"name\":\"n\",\"plugins\":[{\"type\":\"portmap\"},{\"type\":\"kube-ovn\",\"provider\":\"p\",\"server_socket\":\"/s\"}]}", CniFlavour.Ovn, "/plugins/1", "p", "/s")]
    [InlineData("{\"type\":\"macvlan\",\"ipam\":{\"type\":\"kube-ovn\",\"provider\":\"m.d\",\"server_socket\":\"/s\"}}", CniFlavour.Ipam, "/ipam", "m.d", "/s")]
    [InlineData("{\"name\":\"n\",\"plugins\":[{\"type\":\"ipvlan\",\"ipam\":{\"type\":\"kube-ovn\"}},{\"type\":\"tuning\"}]}", CniFlavour.Ipam, "/plugins/0/ipam", null, null)]
    [InlineData("{\"type\":\"kube-ovn\",\"ipam\":{\"type\":\"kube-ovn\",\"provider\":\"ignored\"}}", CniFlavour.Ovn, "", null, null)]
    [InlineData("{\"type\":\"bridge\",\"ipam\":{\"type\":\"host-local\"}}", CniFlavour.None, null, null, null)]
    [InlineData("{\"type\":\"Kube-OVN\"}", CniFlavour.None, null, null, null)]
    [InlineData("{\"plugins\":[\"kube-ovn\"]}", CniFlavour.None, null, null, null)]
    public void Classifies_the_flavour_and_finds_the_kube_ovn_section(string config, CniFlavour flavour, string? section, string? provider, string? socket)
    {
        var cni = CniConfig.Parse(config);
        Assert.Equal(CniConfigState.Valid, cni.State);
        Assert.Equal(flavour, cni.Flavour);
        Assert.Equal(section, cni.KubeOvnSection?.ToString());
        Assert.Equal(provider, cni.Provider);
        Assert.Equal(socket, cni.ServerSocket);
    }

    [Theory]
    [InlineData("{\"provider\":\"a\",\"type\":\"kube-ovn\",\"provider\":\"b\"}", "b", "{\"provider\":\"b\",\"type\":\"kube-ovn\"}")]
    [InlineData("{\"type\":\"kube-ovn\",\"provider\":\"x\\ud800y\"}", "x\uFFFDy", "{\"type\":\"kube-ovn\",\"provider\":\"x\uFFFDy\"}")]
    [InlineData("{\"type\":\"kube-ovn\",\"provider\":\"\\udc00\\ud800\\u0041\"}", "\uFFFD\uFFFDA", "{\"type\":\"kube-ovn\",\"provider\":\"\uFFFD\uFFFDA\"}")]
    [InlineData("{\"type\":\"kube-ovn\",\"provider\":\"\\ud83d\\ude00 \\n\\\"\"}", "\U0001F600 \n\"", "{\"type\":\"kube-ovn\",\"provider\":\"\\uD83D\\uDE00 \\n\\\"\"}")]
    [InlineData("{\"type\":\"kube-ovn\",\"mtu\":1500.0,\"provider\":\"p\"}", "p", "{\"type\":\"kube-ovn\",\"mtu\":1500.0,\"provider\":\"p\"}")]
    public void Reads_the_config_as_go_does(string config, string provider, string rewritten)
    {
        // Go: the last duplicate wins (kept here at the first one's place), a lone surrogate escape becomes U+FFFD,
        // numbers stay as written.
        var cni = CniConfig.Parse(config);

        Assert.Equal(CniConfigState.Valid, cni.State);
        Assert.Equal(provider, cni.Provider);
        Assert.Equal(rewritten, cni.Document!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Theory]
    [InlineData(null, CniConfigState.Empty)]
    [InlineData("", CniConfigState.Empty)]
    [InlineData(" \n", CniConfigState.Empty)]
    [InlineData("{", CniConfigState.Invalid)]
    [InlineData("[]", CniConfigState.Invalid)]
    [InlineData("null", CniConfigState.Invalid)]
    [InlineData("{\"type\":\"x\",}", CniConfigState.Invalid)]
    [InlineData("{} {}", CniConfigState.Invalid)]
    [InlineData("{\"a\":1} // comment", CniConfigState.Invalid)]
    [InlineData("{}", CniConfigState.Valid)]
    public void Tells_empty_invalid_and_valid_configs_apart(string? config, CniConfigState state)
    {
        var cni = CniConfig.Parse(config);
        Assert.Equal(state, cni.State);
        Assert.Equal(state == CniConfigState.Invalid, cni.Error is not null);
    }

    [Theory]
    [InlineData("{\"type\":\"bridge\"}", new string[0])]
    [InlineData("{\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"}]}", new string[0])]
    [InlineData("{\"cniVersion\":\"0.3.1\"}", new[] { "the config has no \"type\" (and no \"plugins\" list)" })]
    [InlineData("{\"type\":5}", new[] { "the config has no \"type\" (and no \"plugins\" list)" })]
    [InlineData("{\"name\":\"n\",\"plugins\":[]}", new[] { "\"plugins\" must be a non-empty array of plugin objects" })]
    [InlineData("{\"plugins\":[{\"type\":\"a\"},{}]}", new[] { "plugins[1] has no \"type\"" })]
    [InlineData("{\"plugins\":[{\"type\":\"macvlan\"}]}", new string[0])]
    public void Lists_what_multus_needs_to_load_the_config(string config, string[] problems)
    {
        Assert.Equal(problems, CniConfig.Parse(config).TypeProblems);
    }

    [Fact]
    public void Reads_non_string_values_as_their_json_text()
    {
        var cni = CniConfig.Parse("{\"cniVersion\":1.0,\"type\":\"kube-ovn\",\"provider\":5,\"server_socket\":null}");
        Assert.Equal("1.0", cni.CniVersionText);
        Assert.Null(cni.CniVersion);
        Assert.Equal("5", cni.ProviderText);
        Assert.Null(cni.Provider);
        Assert.Null(cni.ServerSocketText);
    }

    [Theory]
    [InlineData("{\"type\":\"kube-ovn\"}", "provider")]
    [InlineData("{\"type\":\"macvlan\",\"ipam\":{\"type\":\"kube-ovn\"}}", "ipam.provider")]
    [InlineData("{\"name\":\"n\",\"plugins\":[{\"type\":\"kube-ovn\"}]}", "plugins[0].provider")]
    [InlineData("{\"name\":\"n\",\"plugins\":[{\"type\":\"a\"},{\"type\":\"b\",\"ipam\":{\"type\":\"kube-ovn\"}}]}", "plugins[1].ipam.provider")]
    public void Describes_where_a_kube_ovn_field_lives(string config, string field)
    {
        Assert.Equal(field, CniConfig.Parse(config).DescribeKubeOvnField(CniConfig.ProviderKey));
    }

    [Fact]
    public void Sets_only_the_named_fields_keeping_key_order_and_unknown_fields()
    {
        const string config = "{ \"cniVersion\": \"0.3.1\", \"name\": \"n\", \"plugins\": [ { \"type\": \"kube-ovn\", \"provider\": \"a.b\", \"mtu\": 1400, \"x\": {\"y\": [1, 2]} }, { \"type\": \"portmap\" } ] }";
        var rewritten = CniConfig.Parse(config).WithKubeOvnFields("a.b.ovn", Socket);
        Assert.Equal(
            "{\"cniVersion\":\"0.3.1\",\"name\":\"n\",\"plugins\":[{\"type\":\"kube-ovn\",\"provider\":\"a.b.ovn\",\"mtu\":1400,\"x\":{\"y\":[1,2]},\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\"},{\"type\":\"portmap\"}]}",
            rewritten);
    }

    [Fact]
    public void Leaves_the_parsed_document_untouched_when_rewriting()
    {
        var cni = CniConfig.Parse("{\"type\":\"kube-ovn\",\"provider\":\"a.b\"}");
        _ = cni.WithKubeOvnFields("a.b.ovn", null);
        Assert.Equal("a.b", cni.Provider);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"type\":\"kube-ovn\",\"provider\":\"a.b\"}"), cni.Document));
    }

    [Fact]
    public void Refuses_to_rewrite_a_config_that_does_not_use_kube_ovn()
    {
        Assert.Throws<InvalidOperationException>(() => CniConfig.Parse("{\"type\":\"bridge\"}").WithKubeOvnFields("a.b.ovn", null));
    }

    [Theory]
    [InlineData("0.1.0", true)]
    [InlineData("0.2.0", true)]
    [InlineData("0.3.0", true)]
    [InlineData("0.3.1", true)]
    [InlineData("0.4.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("1.1.0", true)]
    [InlineData("1.2.0", false)]
    [InlineData("0.3", false)]
    [InlineData("v1.0.0", false)]
    public void Knows_the_cni_versions_the_kube_ovn_plugin_accepts(string version, bool supported)
    {
        Assert.Equal(supported, CniConfig.SupportedCniVersions.Contains(version));
    }
}

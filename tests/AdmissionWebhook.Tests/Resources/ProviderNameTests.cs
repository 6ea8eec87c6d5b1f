using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Resources;

public sealed class ProviderNameTests
{
    [Theory]
    [InlineData("", ProviderKind.Default, "", "")]
    [InlineData(null, ProviderKind.Default, "", "")]
    [InlineData("ovn", ProviderKind.Default, "", "")]
    [InlineData("attachnet.default.ovn", ProviderKind.Ovn, "attachnet", "default")]
    [InlineData("macvlan.kube-system", ProviderKind.Ipam, "macvlan", "kube-system")]
    [InlineData("a1.b-2.ovn", ProviderKind.Ovn, "a1", "b-2")]
    [InlineData("x.ovn", ProviderKind.Ipam, "x", "ovn")]
    public void Parses_kube_ovn_providers(string? text, ProviderKind kind, string nad, string ns)
    {
        Assert.True(ProviderName.TryParse(text, out var provider));
        Assert.Equal(kind, provider.Value.Kind);
        Assert.Equal(nad, provider.Value.NadName);
        Assert.Equal(ns, provider.Value.NadNamespace);
    }

    [Theory]
    [InlineData("attachnet")]
    [InlineData("OVN")]
    [InlineData("Attachnet.default.ovn")]
    [InlineData("attachnet..ovn")]
    [InlineData(".default.ovn")]
    [InlineData("attachnet.default.")]
    [InlineData("vm.net.default.ovn")]
    [InlineData("attachnet.default.ovn.net1")]
    [InlineData("attachnet.default.OVN")]
    [InlineData("a_b.default")]
    [InlineData("-a.default")]
    [InlineData("a-.default")]
    [InlineData("attachnet.default ")]
    public void Rejects_strings_that_are_no_provider(string text)
    {
        Assert.False(ProviderName.TryParse(text, out var provider));
        Assert.Null(provider);
    }

    [Fact]
    public void Rejects_a_label_longer_than_63_characters()
    {
        Assert.False(ProviderName.TryParse($"{new string('a', 64)}.default.ovn", out _));
        Assert.True(ProviderName.TryParse($"{new string('a', 63)}.default.ovn", out _));
    }

    [Theory]
    [InlineData("attachnet.default.ovn")]
    [InlineData("macvlan.default")]
    [InlineData("ovn")]
    public void Formats_what_it_parses(string text)
    {
        Assert.True(ProviderName.TryParse(text, out var provider));
        Assert.Equal(text, provider.Value.ToString());
    }

    [Fact]
    public void Formats_the_empty_default_as_ovn_as_kube_ovn_does()
    {
        Assert.True(ProviderName.TryParse("", out var provider));
        Assert.Equal("ovn", provider.Value.ToString());
    }

    [Theory]
    [InlineData(ProviderKind.Ovn, "attachnet.default.ovn")]
    [InlineData(ProviderKind.Ipam, "attachnet.default")]
    public void Builds_the_canonical_provider_of_a_nad(ProviderKind kind, string expected)
    {
        var provider = ProviderName.ForNad("attachnet", "default", kind);
        Assert.Equal(expected, provider.ToString());
        Assert.Equal(new NamespacedName("default", "attachnet"), provider.Nad);
        Assert.Throws<ArgumentException>(() => ProviderName.ForNad("attachnet", "default", ProviderKind.Default));
    }

    [Theory]
    [InlineData(ProviderKind.Ovn, "attachnet.default.ovn", ProviderMatch.Canonical)]
    [InlineData(ProviderKind.Ovn, null, ProviderMatch.Missing)]
    [InlineData(ProviderKind.Ovn, "", ProviderMatch.Missing)]
    [InlineData(ProviderKind.Ovn, "attachnet.default", ProviderMatch.WrongSuffix)]
    [InlineData(ProviderKind.Ovn, "AttachNet.Default", ProviderMatch.WrongSuffix)]
    [InlineData(ProviderKind.Ovn, "Attachnet.default.OVN", ProviderMatch.LetterCase)]
    [InlineData(ProviderKind.Ovn, "ovn", ProviderMatch.DefaultNetwork)]
    [InlineData(ProviderKind.Ovn, "vm-net-1.default.ovn", ProviderMatch.OtherNad)]
    [InlineData(ProviderKind.Ovn, "attachnet.other.ovn", ProviderMatch.OtherNad)]
    [InlineData(ProviderKind.Ovn, "other.default", ProviderMatch.OtherNad)]
    [InlineData(ProviderKind.Ovn, "attachnet", ProviderMatch.Malformed)]
    [InlineData(ProviderKind.Ovn, "5", ProviderMatch.Malformed)]
    [InlineData(ProviderKind.Ipam, "attachnet.default", ProviderMatch.Canonical)]
    [InlineData(ProviderKind.Ipam, "attachnet.default.ovn", ProviderMatch.WrongSuffix)]
    [InlineData(ProviderKind.Ipam, "ATTACHNET.default", ProviderMatch.LetterCase)]
    [InlineData(ProviderKind.Ipam, "macvlan.default", ProviderMatch.OtherNad)]
    public void Matches_a_written_provider_against_the_canonical_one(ProviderKind kind, string? written, ProviderMatch expected)
    {
        Assert.Equal(expected, ProviderName.ForNad("attachnet", "default", kind).Match(written));
    }

    [Theory]
    [InlineData(ProviderMatch.Missing, true)]
    [InlineData(ProviderMatch.WrongSuffix, true)]
    [InlineData(ProviderMatch.LetterCase, true)]
    [InlineData(ProviderMatch.Canonical, false)]
    [InlineData(ProviderMatch.DefaultNetwork, false)]
    [InlineData(ProviderMatch.OtherNad, false)]
    [InlineData(ProviderMatch.Malformed, false)]
    public void Repairs_only_unambiguous_mismatches(ProviderMatch match, bool repairable)
    {
        Assert.Equal(repairable, ProviderName.IsRepairable(match));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("ovn", true)]
    [InlineData("attachnet.default.ovn", true)]
    [InlineData("namespace.cluster.ovn", true)]
    [InlineData("invalid.format", false)]
    [InlineData("x.ovn", false)]
    [InlineData("a.b.c.ovn", false)]
    [InlineData("OVN", false)]
    public void Reads_ovn_providers_as_kube_ovn_util_IsOvnProvider_does(string? text, bool ovn)
    {
        Assert.Equal(ovn, ProviderName.IsOvnProvider(text));
    }
}

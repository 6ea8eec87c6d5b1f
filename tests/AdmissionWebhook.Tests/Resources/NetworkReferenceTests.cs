using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Resources;

public sealed class NetworkReferenceTests
{
    [Theory]
    [InlineData("attachnet", "default", "attachnet", false)]
    [InlineData("other/attachnet", "other", "attachnet", true)]
    [InlineData("default/attachnet", "default", "attachnet", true)]
    public void Parses_name_or_namespace_slash_name_defaulting_to_the_vm_namespace(string text, string ns, string name, bool qualified)
    {
        Assert.True(NetworkReference.TryParse(text, "default", out var reference));
        Assert.Equal(new NetworkReference(ns, name, qualified), reference);
        Assert.Equal(new NamespacedName(ns, name), reference.Value.Key);
        Assert.Equal($"{ns}/{name}", reference.Value.ToString());
    }

    [Fact]
    public void Unqualified_and_qualified_forms_of_one_nad_share_a_key()
    {
        Assert.True(NetworkReference.TryParse("attachnet", "default", out var plain));
        Assert.True(NetworkReference.TryParse("default/attachnet", "default", out var qualified));
        Assert.Equal(plain.Value.Key, qualified.Value.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/attachnet")]
    [InlineData("default/")]
    [InlineData("a/b/c")]
    public void Rejects_what_is_neither_name_nor_namespace_slash_name(string? text)
    {
        Assert.False(NetworkReference.TryParse(text, "default", out var reference));
        Assert.Null(reference);
    }
}

using System.Text;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>
/// The shared strings' lookup: found by exact UTF-8 text only, whatever the length (under, at and over the eight bytes
/// compared as one number), and never for a text that differs before, within or after those eight bytes.
/// </summary>
public sealed class StringTableTests
{
    private static readonly string[] Texts = ["", "v1", "UPDATE", "kubevirt", "kubevirt.io", "VirtualMachine", "virtualmachines", "système"];

    private static readonly StringTable Table = new(Texts);

    [Fact]
    public void Every_text_is_found_as_the_shared_instance()
    {
        foreach (var text in Texts)
        {
            Assert.True(Table.TryGet(Encoding.UTF8.GetBytes(text), out var found), text);
            Assert.Same(text, found);
        }
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("UPDATF")]
    [InlineData("kubevirT")]
    [InlineData("kubevirt.iO")]
    [InlineData("Kubevirt.io")]
    [InlineData("VirtualMachinf")]
    [InlineData("virtualmachine")]
    [InlineData("virtualmachinesx")]
    [InlineData("systèmf")]
    [InlineData("a-text-longer-than-any-in-the-table")]
    public void Any_other_text_is_not(string text)
    {
        Assert.False(Table.TryGet(Encoding.UTF8.GetBytes(text), out var found));
        Assert.Equal(string.Empty, found);
    }
}

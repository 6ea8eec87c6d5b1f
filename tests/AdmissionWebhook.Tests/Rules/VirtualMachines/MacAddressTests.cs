using AdmissionWebhook.Rules.VirtualMachines;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

public sealed class MacAddressTests
{
    [Theory]
    [InlineData("02:00:00:aa:bb:01")]
    [InlineData("02-00-00-AA-BB-01")]
    [InlineData("0200.00aa.bb01")]
    public void Parses_the_three_six_byte_notations_to_one_value(string text)
    {
        Assert.True(MacAddress.TryParse(text, out var mac));
        Assert.Equal("02:00:00:aa:bb:01", mac.Value.ToString());
    }

    [Theory]
    [InlineData("02:00:00:00:0a")]
    [InlineData("de:ad:00:00:be:af:be:af")]
    [InlineData("02:00-00:aa:bb:01")]
    [InlineData("0g:00:00:aa:bb:01")]
    [InlineData("02:00:00:aa:bb:+1")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_anything_else(string? text)
    {
        Assert.False(MacAddress.TryParse(text, out _));
    }
}

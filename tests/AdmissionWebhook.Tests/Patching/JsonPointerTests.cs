using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData(new[] { "metadata", "annotations", "example.com/team" }, "/metadata/annotations/example.com~1team")]
    [InlineData(new[] { "a~b" }, "/a~0b")]
    [InlineData(new[] { "~/" }, "/~0~1")]
    [InlineData(new[] { "" }, "/")]
    [InlineData(new string[0], "")]
    public void Escapes_segments_per_RFC_6901(string[] segments, string expected)
    {
        var pointer = JsonPointer.Of(segments);

        Assert.Equal(expected, pointer.ToString());
        Assert.Equal(pointer, JsonPointer.Parse(expected));
        Assert.Equal(segments, JsonPointer.Parse(expected).Segments);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/a~2")]
    [InlineData("/a~")]
    public void Rejects_text_that_is_no_pointer(string text)
    {
        Assert.False(JsonPointer.TryParse(text, out _));
        Assert.Throws<FormatException>(() => JsonPointer.Parse(text));
    }

    [Fact]
    public void Appends_members_and_indices_without_string_concatenation()
    {
        var pointer = JsonPointer.Parse("/spec/template").Append("spec").Append("networks").Append(2).Append("-");

        Assert.Equal("/spec/template/spec/networks/2/-", pointer.ToString());
        Assert.Equal("/spec/template/spec/networks/2", pointer.Parent.ToString());
        Assert.Equal("-", pointer.Last);
        Assert.True(pointer.StartsWith(JsonPointer.Parse("/spec/template")));
        Assert.False(pointer.StartsWith(JsonPointer.Parse("/spec/templates")));
    }
}

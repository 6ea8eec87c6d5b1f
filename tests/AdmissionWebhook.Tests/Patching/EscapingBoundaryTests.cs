using System.Text;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The edges of the string writers' character classes: the first and last surrogate of each range, and every character
/// a pointer segment must escape, which must not take the pointer's fast path.
/// </summary>
public sealed class EscapingBoundaryTests
{
    private static string Written(string text)
    {
        var builder = new StringBuilder();
        JsonText.WriteString(builder, text, JsonEscaping.Go);
        return builder.ToString();
    }

    [Theory]
    [InlineData("\uD800\uDC00")]
    [InlineData("\uDBFF\uDFFF")]
    public void A_pair_starting_at_either_end_of_the_high_surrogates_is_kept(string pair) =>
        Assert.Equal($"\"{pair}\"", Written(pair));

    // Code units, not strings: a lone surrogate does not survive xunit's serialisation of theory data.
    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDBFF)]
    [InlineData(0xDC00)]
    [InlineData(0xDFFF)]
    public void A_lone_surrogate_at_either_end_of_its_range_becomes_the_replacement_character(int codeUnit) =>
        Assert.Equal("\"\uFFFD\"", Written(((char)codeUnit).ToString()));

    [Theory]
    [InlineData("a~b", "\"/a~0b\"")]
    [InlineData("a/b", "\"/a~1b\"")]
    [InlineData("a\"b", "\"/a\\\"b\"")]
    [InlineData("a\\b", "\"/a\\\\b\"")]
    [InlineData("\u0001", "\"/\\u0001\"")]
    [InlineData("\u2028", "\"/\\u2028\"")]
    [InlineData("\u2029", "\"/\\u2029\"")]
    [InlineData("é中", "\"/é中\"")]
    [InlineData("😀", "\"/😀\"")]
    public void A_segment_that_needs_escaping_is_written_as_its_escaped_pointer(string segment, string expected)
    {
        var pointer = JsonPointer.Of(segment);
        using var fast = new Utf8TextBuffer();
        var reference = new StringBuilder();

        pointer.WriteJsonString(fast);
        JsonText.WriteString(reference, pointer.ToString(), JsonEscaping.Readable);

        Assert.Equal(expected, fast.ToUtf8String());
        Assert.Equal(reference.ToString(), fast.ToUtf8String());
    }
}

using System.Buffers;
using System.Text.Json;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// A patch is kept in the pooled segments it was written into and encoded to base64 chunk by chunk: the text must be
/// exactly what the JSON writer writes for the whole array, wherever the segments and three-byte groups fall.
/// </summary>
public sealed class PatchPayloadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(Utf8TextBuffer.SegmentBytes - 1)]
    [InlineData(Utf8TextBuffer.SegmentBytes)]
    [InlineData(Utf8TextBuffer.SegmentBytes + 1)]
    [InlineData((3 * Utf8TextBuffer.SegmentBytes) + 2)]
    [InlineData(1_700_001)]
    public void A_payload_in_segments_holds_the_bytes_written_and_encodes_as_the_whole_array_does(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        using var buffer = new Utf8TextBuffer();
        // Written in uneven pieces, as a patch's operations are.
        for (var offset = 0; offset < length;)
        {
            var piece = Math.Min(length - offset, 1 + (offset % 997));
            buffer.Write(bytes.AsSpan(offset, piece));
            offset += piece;
        }

        using var payload = buffer.TakePayload();

        Assert.Equal(length, payload.Length);
        Assert.Equal(bytes, payload.ToArray());
        Assert.Equal(WholeArrayBase64(bytes), Base64Of(payload));
    }

    [Fact]
    public void A_large_patch_is_written_in_segments_below_the_large_object_threshold()
    {
        using var buffer = new Utf8TextBuffer(Utf8TextBuffer.SegmentBytes);
        var piece = new byte[1000];
        for (var i = 0; i < 2_000; i++)
        {
            buffer.Write(piece);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        using var payload = buffer.TakePayload();

        // Handing the segments over copies nothing: far less than the 2 MB of the patch is allocated.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 4_096, "taking the payload must not copy the patch");
        Assert.Equal(2_000_000, payload.Length);
    }

    [Fact]
    public void The_answer_writer_keeps_every_byte_in_order_across_its_segments()
    {
        var bytes = new byte[(2 * Utf8TextBuffer.SegmentBytes) + 12_345];
        new Random(7).NextBytes(bytes);
        using var writer = new Utf8TextBuffer();
        for (var offset = 0; offset < bytes.Length;)
        {
            var span = writer.GetSpan(500);
            var count = Math.Min(span.Length, Math.Min(bytes.Length - offset, 3_001));
            bytes.AsSpan(offset, count).CopyTo(span);
            writer.Advance(count);
            offset += count;
        }

        Assert.Equal(bytes.Length, writer.Length);
        Assert.Equal(bytes, writer.ToArray());
        Assert.All(writer.Segments, segment => Assert.True(segment.Length <= Utf8TextBuffer.SegmentBytes));
    }

    private static string WholeArrayBase64(byte[] bytes)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteBase64StringValue(bytes);
        }
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Base64Of(PatchPayload payload)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            payload.WriteBase64(writer);
        }
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }
}

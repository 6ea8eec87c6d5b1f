using AdmissionWebhook.Admission;
using AdmissionWebhook.Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>
/// Memory the budget does not count stays bounded: the body pool keeps only ordinary-sized buffers, and Kestrel reads
/// at most 64 KiB ahead per connection. Allocation counts and settings, never time.
/// </summary>
public sealed class PooledBodyTests
{
    [Fact]
    public async Task An_ordinary_body_reuses_a_pooled_buffer()
    {
        var body = new byte[3_000];
        await ReadAsync(body); // the pool's first buffer of that size

        var allocated = await AllocatedWhileReadingAsync(body);

        Assert.True(allocated < 1_024, $"reading a 3,000-byte body allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_body_above_the_pooled_size_gets_a_buffer_the_pool_does_not_keep()
    {
        var body = new byte[PooledBody.MaxPooledBytes + 1];
        await ReadAsync(body);

        // Read again after the first was disposed: no kept buffer, so a new one, which the collector reclaims later.
        var allocated = await AllocatedWhileReadingAsync(body);

        Assert.True(allocated >= body.Length, $"reading a {body.Length}-byte body allocated only {allocated} bytes: a pool kept its buffer");
    }

    [Fact]
    public void Kestrel_reads_at_most_64_KiB_ahead_per_connection()
    {
        var limits = new KestrelServerOptions().Limits;
        Assert.Equal(1024 * 1024, limits.MaxRequestBufferSize); // Kestrel's default, which this changes

        KestrelTlsExtensions.ApplyMemoryLimits(limits);

        Assert.Equal(64 * 1024, limits.MaxRequestBufferSize);
        Assert.Equal(WebhookOptions.MaxRequestBodyBytes, limits.MaxRequestBodySize);
    }

    private static async Task<long> AllocatedWhileReadingAsync(byte[] body)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = ReadAsync(body);
        Assert.True(read.IsCompleted, "the read left the test's thread, so its allocations would go uncounted");
        await read;
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static async Task ReadAsync(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var body = new PooledBody();
        await body.ReadAsync(stream, content.Length, CancellationToken.None);
        Assert.Equal(content.Length, body.Length);
    }
}

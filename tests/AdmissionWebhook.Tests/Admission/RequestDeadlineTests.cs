using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Tests.Admission;

public sealed class RequestDeadlineTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    public void Parses_Go_durations(string text, double milliseconds)
    {
        Assert.True(RequestDeadline.TryParseGoDuration(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10 seconds")]
    [InlineData("-1s")]
    public void Rejects_other_text(string? text) => Assert.False(RequestDeadline.TryParseGoDuration(text, out _));
}

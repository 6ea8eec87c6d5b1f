using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>
/// An answer carrying a large patch is encoded into a buffer of its own and sent in slices (the shared pool would keep
/// the one whole buffer Kestrel rents for it): the bytes must be exactly those of the ordinary path.
/// </summary>
public sealed class LargeAnswerTests
{
    [Fact]
    public async Task A_large_patch_is_answered_with_the_bytes_and_headers_of_the_ordinary_path()
    {
        using var services = TestServices.Build(cluster: new SwappableClusterSource { Snapshot = SeedCluster });
        var handler = services.GetRequiredService<AdmissionHttpHandler>();
        var review = new AdmissionReview { ApiVersion = AdmissionReview.V1ApiVersion, Kind = AdmissionReview.ReviewKind, Request = HotPlugMany(2_000) };
        var body = JsonSerializer.SerializeToUtf8Bytes(review, AdmissionJsonContext.Default.AdmissionReview);
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body, writable: false);
        var answer = new MemoryStream();
        http.Response.Body = answer;

        await handler.HandleAsync(http, services.Reviewer<VirtualMachine>(), WebhookKind.Mutate);

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        var sent = answer.ToArray();
        var parsed = JsonSerializer.Deserialize(sent, AdmissionJsonContext.Wire.AdmissionReview)!;
        Assert.True(parsed.Response!.Patch!.Length > AdmissionHttpHandler.LargePatchBytes, "the patch must take the large path");
        Assert.Equal(2_000 * 2, JsonPatchSerializer.Parse(System.Text.Encoding.UTF8.GetString(parsed.Response.Patch.ToArray())).Count);
        // The patch went out in chunks from its segments: its text is the plain base64 of the whole patch, no escape
        // and no seam.
        Assert.Equal(Convert.ToBase64String(parsed.Response.Patch.ToArray()), RawPatchText(sent));
        // What WriteAsJsonAsync sends for the same envelope.
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(parsed, AdmissionJsonContext.Wire.AdmissionReview), sent);
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
        Assert.Equal(sent.Length, http.Response.ContentLength);
    }

    private static string RawPatchText(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("patch"u8))
            {
                reader.Read();
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            }
        }
        throw new InvalidOperationException("the answer has no patch");
    }
}

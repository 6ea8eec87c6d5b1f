using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>Posts AdmissionReviews the way the API server does and parses the answer.</summary>
internal static class ReviewClient
{
    /// <summary>Wraps a request stanza in a v1 AdmissionReview envelope, adding a uid when it has none.</summary>
    public static JsonObject Envelope(JsonObject request, string? uid = null)
    {
        var copy = (JsonObject)request.DeepClone();
        copy["uid"] ??= uid ?? Guid.NewGuid().ToString();
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = copy };
    }

    public static async Task<(HttpStatusCode Status, string Body)> PostRawAsync(HttpClient client, string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(path, content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Posts bytes as they are (for bodies no string can hold, such as invalid UTF-8).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PostBytesAsync(HttpClient client, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await client.PostAsync(path, content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Posts a review, asserts HTTP 200 and the v1 envelope with the echoed uid, returns the response stanza.</summary>
    public static async Task<AdmissionResponse> ReviewAsync(HttpClient client, string path, JsonObject review)
    {
        // JsonText keeps the raw text of parsed values: objects go out byte for byte as the caller encoded them.
        var (status, body) = await PostRawAsync(client, path, JsonText.ToJson(review));
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}: {body}");
        // Messages are written readably (JSON escapes only what it must): never a quote, '<', '&' or '+' as \u00XX.
        foreach (var escape in new[] { "\\u0022", "\\u0027", "\\u003C", "\\u003E", "\\u0026", "\\u002B" })
        {
            Assert.DoesNotContain(escape, body, StringComparison.Ordinal);
        }
        var parsed = JsonSerializer.Deserialize(body, AdmissionJsonContext.Default.AdmissionReview)!;
        Assert.Equal(AdmissionReview.V1ApiVersion, parsed.ApiVersion);
        Assert.Equal(AdmissionReview.ReviewKind, parsed.Kind);
        Assert.NotNull(parsed.Response);
        Assert.Equal(review["request"]!["uid"]!.GetValue<string>(), parsed.Response.Uid);
        return parsed.Response;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using AdmissionWebhook.Tests.Vectors;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>
/// <c>review --format json</c> against the running server, for every acceptance vector: the vector's objects and cluster
/// are written as manifest files for the command line, the vector's request goes to the HTTPS endpoints (mutate,
/// apply the patch with kube-apiserver's json-patch library, validate the patched object), and the two must answer
/// byte for byte the same (same uid).
/// Agreement does not depend on the rules being complete, so no vector is exempt.
/// </summary>
public sealed class ReviewAgreementTests : IClassFixture<AcceptanceVectorTests.Server>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly AcceptanceVectorTests.Server _server;

    public ReviewAgreementTests(AcceptanceVectorTests.Server server) => _server = server;

    public static TheoryData<string> Vectors => [.. AcceptanceVector.Names()];

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Review_answers_exactly_as_the_server(string name)
    {
        var vector = AcceptanceVector.Load(name);
        var uid = $"review-{Guid.NewGuid():N}";
        var expected = await ServerAnswersAsync(vector, uid);

        var folder = Directory.CreateTempSubdirectory("review-agreement-");
        try
        {
            var args = new List<string> { "review", "--format", "json", "--uid", uid,
                "--user", vector.Request["userInfo"]!["username"]!.GetValue<string>() };
            // The objects in the API server's encoding (Go sorts keys), as the server receives them below: copied
            // values then come out of both in the same order.
            var sent = VectorRunner.AsApiServerSends(vector.Request);
            if (sent["oldObject"] is JsonObject old)
            {
                args.AddRange(["--old", await WriteAsync(folder, "old.json", old)]);
            }
            if (sent["object"] is JsonObject current)
            {
                args.AddRange(["--new", await WriteAsync(folder, "new.json", current)]);
            }
            if (vector.ClusterObjects.Count > 0)
            {
                var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = vector.ClusterObjects.DeepClone() };
                args.AddRange(["--cluster", await WriteAsync(folder, "cluster.json", list)]);
            }

            var result = await CliRunner.RunAsync([.. args]);

            Assert.Equal(expected.Bodies, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(result.ExitCode == (expected.Allowed ? 0 : 1), result.ToString());
            Assert.Empty(result.Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The raw bodies the server answers, in the API server's order, and whether the edit is admitted.</summary>
    private async Task<(IReadOnlyList<string> Bodies, bool Allowed)> ServerAnswersAsync(AcceptanceVector vector, string uid)
    {
        _server.Cluster.Snapshot = vector.Cluster;
        var request = VectorRunner.AsApiServerSends(vector.Request);
        var (mutateStatus, mutateBody) = await ReviewClient.PostRawAsync(_server.Client, $"/mutate-{vector.WebhookPathSuffix}", JsonText.ToJson(ReviewClient.Envelope(request, uid)));
        Assert.Equal(System.Net.HttpStatusCode.OK, mutateStatus);
        var mutate = JsonSerializer.Deserialize(mutateBody, AdmissionJsonContext.Default.AdmissionReview)!.Response!;
        if (!mutate.Allowed)
        {
            return ([mutateBody], false);
        }
        request = VectorRunner.Patched(request, mutate);
        var (validateStatus, validateBody) = await ReviewClient.PostRawAsync(_server.Client, $"/validate-{vector.WebhookPathSuffix}", JsonText.ToJson(ReviewClient.Envelope(request, uid)));
        Assert.Equal(System.Net.HttpStatusCode.OK, validateStatus);
        var validate = JsonSerializer.Deserialize(validateBody, AdmissionJsonContext.Default.AdmissionReview)!.Response!;
        return ([mutateBody, validateBody], validate.Allowed);
    }

    private static async Task<string> WriteAsync(DirectoryInfo folder, string name, JsonObject content)
    {
        var path = Path.Combine(folder.FullName, name);
        await File.WriteAllTextAsync(path, content.ToJsonString(Indented), TestContext.Current.CancellationToken);
        return path;
    }
}

using System.Text;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using Xunit.Sdk;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>
/// Runs one vector through the real HTTPS endpoints the way kube-apiserver does (Vectors/cases/README.md): the
/// objects go out as Go's encoding/json writes them, the mutating webhook's patch is applied with evanphx/json-patch
/// to that stored form (and must agree with the in-process applier), the patched object goes to the validating
/// webhook, and the answers are checked against <c>expect</c>.
/// </summary>
internal static class VectorRunner
{
    /// <summary>The request with <c>object</c> and <c>oldObject</c> in the API server's encoding.</summary>
    public static JsonObject AsApiServerSends(JsonObject request)
    {
        var copy = (JsonObject)request.DeepClone();
        foreach (var member in new[] { "object", "oldObject" })
        {
            if (copy[member] is JsonObject obj)
            {
                copy[member] = ApiServerJsonPatch.StoredForm(obj);
            }
        }
        return copy;
    }

    /// <summary>
    /// Applies the mutating answer's patch to the request's object with kube-apiserver's library; the request the
    /// validating webhook then receives.
    /// </summary>
    public static JsonObject Patched(JsonObject request, AdmissionResponse mutate)
    {
        var copy = (JsonObject)request.DeepClone();
        if (mutate.Patch is not { } patchBytes)
        {
            Assert.Null(mutate.PatchType);
            return copy;
        }
        Assert.Equal(AdmissionResponses.JsonPatchType, mutate.PatchType);
        var patch = Encoding.UTF8.GetString(patchBytes.ToArray());
        var applied = ApiServerJsonPatch.ApplyOrFail(request["object"]!, patch);
        var inProcess = JsonPatchApplier.Apply(request["object"], JsonPatchSerializer.Parse(patch));
        Assert.True(JsonNode.DeepEquals(applied, inProcess), $"the in-process applier and json-patch disagree on {patch}");
        copy["object"] = applied;
        return copy;
    }

    public static async Task RunAsync(HttpClient client, AcceptanceVector vector)
    {
        var request = AsApiServerSends(vector.Request);
        var mutate = await ReviewClient.ReviewAsync(client, $"/mutate-{vector.WebhookPathSuffix}", ReviewClient.Envelope(request));
        Assert.True(mutate.Allowed, $"the mutating webhook refused: {mutate.Status?.Message}");
        var patched = Patched(request, mutate);
        AssertPatch(vector, mutate, patched["object"]);

        var validate = await ReviewClient.ReviewAsync(client, $"/validate-{vector.WebhookPathSuffix}", ReviewClient.Envelope(patched));
        Assert.Null(validate.Patch);
        Assert.Null(validate.PatchType);
        var causes = validate.Status?.Details?.Causes.Select(c => c.Reason).ToHashSet() ?? [];
        Assert.True(vector.ExpectAllowed == validate.Allowed,
            $"expected allowed={vector.ExpectAllowed}, got {validate.Allowed}: {validate.Status?.Message} warnings: {string.Join(" | ", validate.Warnings ?? [])}");
        foreach (var code in vector.DenyCodes)
        {
            Assert.True(causes.Contains(code), $"denial lacks {code}: {validate.Status?.Message}");
        }
        if (!validate.Allowed)
        {
            Assert.Equal(422, validate.Status!.Code);
            Assert.Equal("Invalid", validate.Status.Reason);
        }
        var warnings = (mutate.Warnings ?? []).Concat(validate.Warnings ?? []).ToList();
        foreach (var code in vector.WarnCodes)
        {
            Assert.True(warnings.Any(w => w.StartsWith(code + ":", StringComparison.Ordinal)), $"no {code} warning among [{string.Join(" | ", warnings)}]");
        }
    }

    private static void AssertPatch(AcceptanceVector vector, AdmissionResponse mutate, JsonNode? patched)
    {
        if (vector.ExpectedPatch is null)
        {
            Assert.True(mutate.Patch is null, "expected no patch");
            return;
        }
        Assert.True(mutate.Patch is not null, "expected a patch");
        foreach (var (pointer, expected) in vector.ExpectedPatch)
        {
            var actual = Resolve(patched, pointer, "");
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{pointer}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");
        }
        if (vector.ExpectedPatchedConfig is { } configExpectations)
        {
            var config = JsonNode.Parse(patched!["spec"]!["config"]!.GetValue<string>());
            foreach (var (pointer, expected) in configExpectations)
            {
                var actual = Resolve(config, pointer, "config ");
                Assert.True(JsonNode.DeepEquals(expected, actual), $"config {pointer}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");
            }
        }
    }

    private static JsonNode? Resolve(JsonNode? root, string pointer, string what)
    {
        try
        {
            return JsonPatchApplier.Resolve(root, JsonPointer.Parse(pointer));
        }
        catch (JsonPatchException e)
        {
            throw new XunitException($"{what}{pointer} is missing after the patch: {e.Message}");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using FluentValidation;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>
/// Runs one resource's real pipeline (<see cref="AdmissionReviewer{T}"/>: rule sets, policy overrides, decision
/// mapping) without sockets, against an in-memory cluster. Rule and mutation tests go through here so that what they
/// assert is what the endpoints answer.
/// </summary>
public sealed class RuleHarness<T> where T : class, IAdmissionResource<T>
{
    private readonly AdmissionReviewer<T> _reviewer;

    public RuleHarness(IValidator<T> validator, IAdmissionMutator<T> mutator, AdmissionPolicy? policy = null)
    {
        _reviewer = new AdmissionReviewer<T>(validator, mutator, policy ?? AdmissionPolicy.Default);
    }

    /// <summary>
    /// A request for <paramref name="operation"/> with the given objects, encoded as the API server sends them (Go's
    /// encoding/json escaping), so the raw tokens a mutator copies into a <c>test</c> are the API server's.
    /// </summary>
    public static AdmissionRequest Request(string operation, JsonNode? obj, JsonNode? oldObj, string user = "alice")
    {
        var descriptor = T.Descriptor;
        var meta = (obj ?? oldObj)?["metadata"];
        return new AdmissionRequest
        {
            Uid = Guid.NewGuid().ToString(),
            Kind = new GroupVersionKind(descriptor.Group, descriptor.Version, descriptor.Kind),
            Resource = new GroupVersionResource(descriptor.Group, descriptor.Version, descriptor.Plural),
            Operation = operation,
            Name = meta?["name"]?.GetValue<string>(),
            Namespace = descriptor.Namespaced ? meta?["namespace"]?.GetValue<string>() ?? "default" : null,
            UserInfo = new UserInfo { Username = user, Groups = ["system:authenticated"] },
            Object = obj is null ? null : JsonText.ToElement(obj, JsonEscaping.Go),
            OldObject = oldObj is null ? null : JsonText.ToElement(oldObj, JsonEscaping.Go),
            DryRun = false,
        };
    }

    public async Task<AdmissionDecision> ValidateAsync(AdmissionRequest request) =>
        await _reviewer.ReviewAsync(request, WebhookKind.Validate, TestContext.Current.CancellationToken);

    public async Task<AdmissionDecision> MutateAsync(AdmissionRequest request) =>
        await _reviewer.ReviewAsync(request, WebhookKind.Mutate, TestContext.Current.CancellationToken);

    /// <summary>Mutates with a token of the test's choosing (a review the API server gave up on).</summary>
    public async Task<AdmissionDecision> MutateUnderAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        await _reviewer.ReviewAsync(request, WebhookKind.Mutate, cancellationToken);

    /// <summary>
    /// Mutates, applies the patch with the in-process applier and with kube-apiserver's own library
    /// (<see cref="ApiServerJsonPatch"/>), which must agree, then proves idempotence: mutating the patched object again
    /// (as the API server re-encodes it) yields no patch. Returns the operations (empty when none) and the object after
    /// the patch.
    /// </summary>
    public async Task<(IReadOnlyList<JsonPatchOperation> Operations, IReadOnlyList<string> Codes, JsonNode? Patched)> MutateAndApplyAsync(AdmissionRequest request)
    {
        var decision = await MutateAsync(request);
        if (decision is not AdmissionDecision.Patch patch)
        {
            Assert.True(decision is AdmissionDecision.Allow, $"the mutating webhook answered {decision}");
            return ([], [], ToNode(request.Object));
        }
        var patched = JsonPatchApplier.Apply(ToNode(request.Object), patch.Operations);
        var applied = ApiServerJsonPatch.ApplyOrFail(ToNode(request.Object)!, patch.Operations);
        Assert.True(JsonNode.DeepEquals(patched, applied), $"the in-process applier and json-patch disagree:\n{patched?.ToJsonString()}\n{applied.ToJsonString()}");
        var again = await MutateAsync(request with { Uid = Guid.NewGuid().ToString(), Object = JsonText.ToElement(applied, JsonEscaping.Go) });
        Assert.True(again is AdmissionDecision.Allow, $"mutation is not idempotent: mutating the patched object gave {Describe(again)}");
        foreach (var operation in patch.Operations)
        {
            Assert.False(ForbiddenPrefixes.Any(prefix => operation.Path.ToString().StartsWith(prefix, StringComparison.Ordinal)),
                $"patch touches {operation.Path}, outside the mutator's lane");
        }
        return (patch.Operations, patch.MutationCodes, patched);
    }

    /// <summary>Paths no mutation may touch (ARCHITECTURE.md §2.7).</summary>
    public static readonly string[] ForbiddenPrefixes = ["/status", "/metadata/resourceVersion", "/metadata/managedFields", "/kind", "/apiVersion"];

    private static JsonNode? ToNode(JsonElement? element) => element is { } e ? JsonNode.Parse(e.GetRawText()) : null;

    private static string Describe(AdmissionDecision decision) => decision is AdmissionDecision.Patch p
        ? JsonPatchSerializer.ToJson(p.Operations)
        : decision.ToString();
}

/// <summary>
/// Assertions over decisions: the exact multiset of (code, field), never "some error occurred". Each passing
/// assertion records its codes in <see cref="ObservedCodes"/>, which the catalogue's coverage check reads.
/// </summary>
public static class DecisionAssert
{
    /// <summary>Denied with exactly these failures (code, field) and exactly these warning codes, each with a message.</summary>
    public static void Denied(AdmissionDecision decision, (string Code, string Field)[] failures, params string[] warnings)
    {
        var deny = Assert.IsType<AdmissionDecision.Deny>(decision);
        Assert.Equal(Sorted(failures), Sorted(deny.Failures.Select(f => (f.Code, f.Field))));
        Assert.Equal(warnings.Order(StringComparer.Ordinal), deny.Warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
        Assert.All(deny.Failures.Concat(deny.Warnings), f => Assert.False(string.IsNullOrWhiteSpace(f.Message), f.Code));
        ObservedCodes.Record(failures.Select(f => f.Code).Concat(warnings));
    }

    /// <summary>Allowed without failures and with exactly these warning codes (none when empty), each with a message.</summary>
    public static void Allowed(AdmissionDecision decision, params string[] warnings)
    {
        var allow = Assert.IsType<AdmissionDecision.Allow>(decision);
        Assert.Equal(warnings.Order(StringComparer.Ordinal), allow.Warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
        Assert.All(allow.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w.Message), w.Code));
        ObservedCodes.Record(warnings);
    }

    /// <summary>Allowed with warnings whose (code, field) are exactly these.</summary>
    public static void AllowedWithWarnings(AdmissionDecision decision, params (string Code, string Field)[] warnings)
    {
        var allow = Assert.IsType<AdmissionDecision.Allow>(decision);
        Assert.Equal(Sorted(warnings), Sorted(allow.Warnings.Select(w => (w.Code, w.Field))));
        Assert.All(allow.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w.Message), w.Code));
        ObservedCodes.Record(warnings.Select(w => w.Code));
    }

    /// <summary>The mutating webhook reported exactly these mutation codes, in this order.</summary>
    public static void MutationCodes(IReadOnlyList<string> actual, params string[] expected)
    {
        Assert.Equal(expected, actual);
        ObservedCodes.Record(expected);
    }

    /// <summary>The failure (or warning) message of the single entry with this code.</summary>
    public static string MessageOf(AdmissionDecision decision, string code)
    {
        IEnumerable<RuleFailure> all = decision switch
        {
            AdmissionDecision.Deny d => d.Failures.Concat(d.Warnings),
            AdmissionDecision.Allow a => a.Warnings,
            _ => [],
        };
        return Assert.Single(all, f => f.Code == code).Message;
    }

    private static List<(string, string)> Sorted(IEnumerable<(string Code, string Field)> items) =>
        [.. items.OrderBy(i => i.Code, StringComparer.Ordinal).ThenBy(i => i.Field, StringComparer.Ordinal)];
}

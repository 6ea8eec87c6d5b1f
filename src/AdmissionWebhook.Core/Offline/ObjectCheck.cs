using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Offline;

/// <summary>
/// What the API server refuses before any webhook sees the object, checked so the offline tools do not answer for an
/// object that never reaches the webhook: a field of the wrong type (its path, its line and column, and what it must
/// be), no <c>metadata.name</c> (nor <c>generateName</c>), and a VirtualMachine without <c>spec</c> or
/// <c>spec.template</c>, both required by KubeVirt's CRD schema (a hot-plug snippet pasted alone is such an object).
/// </summary>
public static class ObjectCheck
{
    /// <summary>The code of these findings (and of objects the webhook itself cannot decode).</summary>
    public const string Code = LintEngine.InvalidObjectCode;

    public static IReadOnlyList<LintFinding> Problems(ManifestDocument document, ReviewedKind kind)
    {
        var problems = new List<LintFinding>();
        // The webhook's own decode, so lint refuses exactly the objects the webhook could not read.
        if (DecodeFailureOf(document, kind) is { } failure)
        {
            problems.Add(At(document, failure.FieldPath, $"not a valid {kind.Kind}: {failure}"));
            return problems;
        }
        var metadata = document.Object["metadata"] as JsonObject;
        if (!HasText(metadata, "name") && !HasText(metadata, "generateName"))
        {
            problems.Add(At(document, "metadata.name", "metadata.name is required (or metadata.generateName): the API server refuses an object without a name"));
        }
        if (kind.Kind == VirtualMachine.Descriptor.Kind)
        {
            if (document.Object["spec"] is not JsonObject spec)
            {
                problems.Add(At(document, "spec", "spec is required: the API server refuses a VirtualMachine without spec.template (a hot-plug snippet needs the whole VM around it)"));
            }
            else if (spec["template"] is not JsonObject)
            {
                problems.Add(At(document, "spec.template", "spec.template is required: the API server refuses a VirtualMachine without it (a hot-plug snippet needs the whole VM around it)"));
            }
        }
        return problems;
    }

    private static LintFinding At(ManifestDocument document, string field, string message)
    {
        var (line, column) = document.PositionOf(DecodeFailure.PointerOf(field));
        return new LintFinding(Code, LintSeverity.Error, field, line, message, column);
    }

    private static bool HasText(JsonObject? parent, string member) =>
        parent?[member] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0;

    private static DecodeFailure? DecodeFailureOf(ManifestDocument document, ReviewedKind kind)
    {
        var element = ManifestReader.ToElement(document.Object);
        return kind.Kind switch
        {
            "VirtualMachine" => FailureOf(element, VirtualMachine.Descriptor),
            "NetworkAttachmentDefinition" => FailureOf(element, NetworkAttachmentDefinition.Descriptor),
            "Subnet" => FailureOf(element, Subnet.Descriptor),
            _ => null,
        };
    }

    private static DecodeFailure? FailureOf<T>(JsonElement element, ResourceDescriptor<T> descriptor) where T : class =>
        ResourceDecoding.TryDecode(element, descriptor, out _, out var failure) ? null : failure ?? new DecodeFailure(string.Empty, "expected an object");
}

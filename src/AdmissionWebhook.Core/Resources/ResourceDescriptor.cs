using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Resources;

/// <summary>
/// The API identity of a reviewed resource and the operations each of its webhooks handles. The webhook paths,
/// the deploy manifests (checked by tests) and the handlers all derive from this one record.
/// </summary>
public sealed record ResourceDescriptor<T>(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlySet<AdmissionOperation> ValidateOperations,
    IReadOnlySet<AdmissionOperation> MutateOperations,
    ResourceDecoder<T> Decoder)
{
    public string ApiVersion => string.IsNullOrEmpty(Group) ? Version : $"{Group}/{Version}";

    /// <summary>controller-runtime's convention: <c>/validate-&lt;group with dashes&gt;-&lt;version&gt;-&lt;kind&gt;</c>.</summary>
    public string ValidatePath => WebhookPaths.For(WebhookKind.Validate, Group, Version, Kind);

    public string MutatePath => WebhookPaths.For(WebhookKind.Mutate, Group, Version, Kind);

    public IReadOnlySet<AdmissionOperation> OperationsFor(WebhookKind kind) => kind == WebhookKind.Validate ? ValidateOperations : MutateOperations;
}

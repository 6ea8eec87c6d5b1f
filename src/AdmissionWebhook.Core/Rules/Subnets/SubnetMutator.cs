using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// Repairs a Subnet provider whose <c>.ovn</c> suffix disagrees with its NAD's flavour (SubnetProviderFlavourMismatch):
/// the NAD exists and uses Kube-OVN, so its flavour decides the one right string.
/// </summary>
public sealed class SubnetMutator(INadLookup nads) : IAdmissionMutator<Subnet>
{
    private static readonly JsonPointer ProviderPointer = JsonPointer.Of("spec", "provider");

    public async ValueTask<MutationResult> MutateAsync(MutationContext<Subnet> context, CancellationToken cancellationToken)
    {
        var subnet = context.Object;
        var text = subnet.Spec?.Provider;
        if (!context.Attributes.Policy.IsEnabled(SubnetRules.ProviderFlavourMismatch)
            || !ProviderName.TryParse(text, out var parsed) || parsed.Value.IsDefault)
        {
            return MutationResult.None;
        }
        // A Subnet in use whose provider this edit leaves alone keeps it: rewriting it would turn every later edit
        // into a SubnetChangeWhileInUse denial. The validator still reports the mismatch.
        if (context.OldObject is { HasIpsInUse: true } old && old.Spec?.Provider == text)
        {
            return MutationResult.None;
        }
        var nad = await nads.FindNadAsync(parsed.Value.Nad, cancellationToken);
        if (nad?.CanonicalProvider is not { } canonical || canonical == parsed.Value)
        {
            return MutationResult.None;
        }
        // The guard states the provider token exactly as the request carried it: the API server compares text.
        if (!JsonText.TryGetRaw(context.RawObject, ProviderPointer, out var storedProvider))
        {
            return MutationResult.None;
        }
        var operations = new JsonPatchBuilder()
            .Test(ProviderPointer, storedProvider)
            .Replace(ProviderPointer, JsonValue.Create(canonical.ToString()))
            .Build();
        return new MutationResult(operations, [SubnetRules.ProviderFlavourMismatch.Code]);
    }
}

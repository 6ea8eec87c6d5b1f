using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// Repairs a Kube-OVN NAD's config where the fix is unambiguous: the provider (missing, wrong <c>.ovn</c> suffix, or
/// letter case) and a missing server_socket. The config is a JSON string, so the patch replaces the whole string,
/// guarded by a test of the string read, with only those fields changed and the key order kept.
/// </summary>
public sealed class NadMutator : IAdmissionMutator<NetworkAttachmentDefinition>
{
    private static readonly JsonPointer ConfigPointer = JsonPointer.Of("spec", "config");

    public ValueTask<MutationResult> MutateAsync(MutationContext<NetworkAttachmentDefinition> context, CancellationToken cancellationToken)
    {
        var nad = context.Object;
        var cni = nad.Cni;
        if (cni.State != CniConfigState.Valid || !cni.IsKubeOvn)
        {
            return ValueTask.FromResult(MutationResult.None);
        }
        var policy = context.Attributes.Policy;
        var codes = new List<string>();

        string? provider = null;
        var providerRule = NadProviderCheck.ProviderRule(cni);
        if (!NadProviderCheck.NameHasDot(nad) && policy.IsEnabled(providerRule)
            && nad.CanonicalProvider is { } canonical && ProviderName.IsRepairable(canonical.Match(cni.ProviderText)))
        {
            provider = canonical.ToString();
            codes.Add(providerRule.Code);
        }

        string? socket = null;
        if (string.IsNullOrEmpty(cni.ServerSocketText) && policy.IsEnabled(NadRules.ServerSocketMissing))
        {
            socket = policy.DefaultServerSocket;
            codes.Add(NadRules.ServerSocketMissing.Code);
        }

        if (codes.Count == 0)
        {
            return ValueTask.FromResult(MutationResult.None);
        }
        // The guard states the config token exactly as the request carried it: the API server compares text.
        if (!JsonText.TryGetRaw(context.RawObject, ConfigPointer, out var storedConfig))
        {
            return ValueTask.FromResult(MutationResult.None);
        }
        var operations = new JsonPatchBuilder()
            .Test(ConfigPointer, storedConfig)
            .Replace(ConfigPointer, JsonValue.Create(cni.WithKubeOvnFields(provider, socket)))
            .Build();
        return ValueTask.FromResult(new MutationResult(operations, codes));
    }
}

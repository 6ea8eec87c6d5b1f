using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// The addressing changes between two versions of a Subnet. What kube-ovn-controller itself writes is no change:
/// filling an empty provider with <c>ovn</c>, an empty vpc with <c>ovn-cluster</c>, an empty gateway, or rewriting
/// cidrBlock in canonical form.
/// </summary>
internal static class SubnetChange
{
    public static IEnumerable<(string Field, string Name, string Before, string After)> Between(Subnet old, Subnet current)
    {
        var oldSpec = old.Spec ?? new SubnetSpec();
        var spec = current.Spec ?? new SubnetSpec();
        if (!string.IsNullOrEmpty(oldSpec.Gateway) && oldSpec.Gateway != spec.Gateway)
        {
            yield return (SubnetFields.Gateway, "gateway", oldSpec.Gateway, spec.Gateway ?? string.Empty);
        }
        if (!SameCidr(oldSpec.CidrBlock, spec.CidrBlock))
        {
            yield return (SubnetFields.CidrBlock, "cidrBlock", oldSpec.CidrBlock ?? string.Empty, spec.CidrBlock ?? string.Empty);
        }
        if (DefaultedProvider(oldSpec.Provider) != DefaultedProvider(spec.Provider))
        {
            yield return (SubnetFields.Provider, "provider", oldSpec.Provider ?? string.Empty, spec.Provider ?? string.Empty);
        }
        if ((oldSpec.Vpc ?? string.Empty) != (spec.Vpc ?? string.Empty)
            && SubnetScope.EffectiveVpc(oldSpec.Provider, oldSpec.Vpc) != SubnetScope.EffectiveVpc(spec.Provider, spec.Vpc))
        {
            yield return (SubnetFields.Vpc, "vpc", oldSpec.Vpc ?? string.Empty, spec.Vpc ?? string.Empty);
        }
    }

    private static string DefaultedProvider(string? provider) => string.IsNullOrEmpty(provider) ? ProviderName.OvnSuffix : provider;

    private static bool SameCidr(string? before, string? after)
    {
        if (before == after)
        {
            return true;
        }
        return CidrBlock.TryParse(before, out var a, out _) && CidrBlock.TryParse(after, out var b, out _)
            && a.Networks.Count == b.Networks.Count && a.Networks.All(b.Networks.Contains);
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace AdmissionWebhook.Rules;

/// <summary>
/// Every <see cref="AdmissionRule"/> declared as a public static field of a catalogue class in this assembly
/// (a class marked <see cref="RuleCatalogueAttribute"/>). Read once at start-up, never per request.
/// </summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<AdmissionRule>> Ordered = new(Collect);
    private static readonly Lazy<IReadOnlyDictionary<string, AdmissionRule>> ByCode =
        new(() => Ordered.Value.ToDictionary(rule => rule.Code, StringComparer.Ordinal));

    /// <summary>Every rule, in catalogue order (resource, then declaration order).</summary>
    public static IReadOnlyList<AdmissionRule> All => Ordered.Value;

    public static bool TryGet(string code, out AdmissionRule rule) => ByCode.Value.TryGetValue(code, out rule!);

    private static List<AdmissionRule> Collect()
    {
        // The catalogue classes are named here rather than found by scanning the assembly: a Native AOT binary has no
        // type list to scan, and typeof at the call tells the trimmer to keep each class's public static fields.
        // Listed in RuleCatalogueAttribute.Order; RuleCatalogTests holds this list equal to every class so marked.
        var rules = new List<AdmissionRule>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        AddFrom(typeof(NetworkAttachmentDefinitions.NadRules), rules, codes);
        AddFrom(typeof(Subnets.SubnetRules), rules, codes);
        AddFrom(typeof(VirtualMachines.VirtualMachineRules), rules, codes);
        return rules;
    }

    private static void AddFrom([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] Type catalogue,
        List<AdmissionRule> rules, HashSet<string> codes)
    {
        foreach (var field in catalogue.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.FieldType != typeof(AdmissionRule))
            {
                continue;
            }
            var rule = (AdmissionRule)field.GetValue(null)!;
            if (!codes.Add(rule.Code))
            {
                throw new InvalidOperationException($"rule code {rule.Code} is declared twice");
            }
            rules.Add(rule);
        }
    }
}

/// <summary>Marks a static class whose public static <see cref="AdmissionRule"/> fields form part of the catalogue.</summary>
/// <param name="order">Where the class's rules come in listings (docs/rules.md order: NAD 1, Subnet 2, VM 3).</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RuleCatalogueAttribute(int order = 0) : Attribute
{
    public int Order { get; } = order;
}

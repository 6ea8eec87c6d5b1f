using System.Reflection;

namespace AdmissionWebhook.Rules;

/// <summary>
/// Every <see cref="AdmissionRule"/> declared as a public static field of a catalogue class in this assembly
/// (a class marked <see cref="RuleCatalogueAttribute"/>). Read once at start-up, never per request.
/// </summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, AdmissionRule>> ByCode = new(Collect);

    public static IReadOnlyCollection<AdmissionRule> All => ByCode.Value.Values.ToArray();

    public static bool TryGet(string code, out AdmissionRule rule) => ByCode.Value.TryGetValue(code, out rule!);

    private static Dictionary<string, AdmissionRule> Collect()
    {
        var rules = new Dictionary<string, AdmissionRule>(StringComparer.Ordinal);
        foreach (var type in typeof(RuleCatalog).Assembly.GetTypes().Where(t => t.GetCustomAttribute<RuleCatalogueAttribute>() is not null))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(AdmissionRule)))
            {
                var rule = (AdmissionRule)field.GetValue(null)!;
                if (!rules.TryAdd(rule.Code, rule))
                {
                    throw new InvalidOperationException($"rule code {rule.Code} is declared twice");
                }
            }
        }
        return rules;
    }
}

/// <summary>Marks a static class whose public static <see cref="AdmissionRule"/> fields form part of the catalogue.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RuleCatalogueAttribute : Attribute;

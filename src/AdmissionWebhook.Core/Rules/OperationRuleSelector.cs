using AdmissionWebhook.Admission;
using FluentValidation;
using FluentValidation.Internal;

namespace AdmissionWebhook.Rules;

/// <summary>
/// Selects the rules of one operation, as <c>IncludeRuleSets(operation)</c> plus <c>IncludeRulesNotInRuleSet()</c>
/// (DELETE: its own rule set only) would, but built once per operation and allocation-free: FluentValidation's
/// RulesetValidatorSelector intersects rule-set names with LINQ and records them for every rule of every review.
/// </summary>
public sealed class OperationRuleSelector : IValidatorSelector
{
    private static readonly OperationRuleSelector CreateSelector = new(0, RuleSets.Create, includeRulesNotInRuleSet: true);
    private static readonly OperationRuleSelector UpdateSelector = new(1, RuleSets.Update, includeRulesNotInRuleSet: true);
    private static readonly OperationRuleSelector DeleteSelector = new(2, RuleSets.Delete, includeRulesNotInRuleSet: false);
    private static readonly OperationRuleSelector ConnectSelector = new(3, RuleSets.For(AdmissionOperation.Connect), includeRulesNotInRuleSet: true);

    private readonly string _ruleSet;
    private readonly bool _includeRulesNotInRuleSet;

    private OperationRuleSelector(int index, string ruleSet, bool includeRulesNotInRuleSet)
    {
        Index = index;
        _ruleSet = ruleSet;
        _includeRulesNotInRuleSet = includeRulesNotInRuleSet;
    }

    /// <summary>Every selector, each at its <see cref="Index"/>.</summary>
    internal static IReadOnlyList<OperationRuleSelector> All { get; } = [CreateSelector, UpdateSelector, DeleteSelector, ConnectSelector];

    /// <summary>This selector's position in <see cref="All"/> (what a validator indexes what it built per operation by).</summary>
    internal int Index { get; }

    public static OperationRuleSelector For(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => CreateSelector,
        AdmissionOperation.Update => UpdateSelector,
        AdmissionOperation.Delete => DeleteSelector,
        _ => ConnectSelector,
    };

    /// <summary>A validation context over <paramref name="subject"/> that runs the rules of <paramref name="operation"/>.</summary>
    /// <remarks>No property chain is passed: the context builds its own empty one, and a chain passed in would be copied.</remarks>
    public static ValidationContext<T> ContextFor<T>(T subject, AdmissionOperation operation) => new(subject, null, For(operation));

    public bool CanExecute(IValidationRule rule, string propertyPath, IValidationContext context) => Selects(rule);

    /// <summary>True when this operation runs <paramref name="rule"/> (the selection depends on the rule alone).</summary>
    public bool Selects(IValidationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.RuleSets is not { Length: > 0 } ruleSets)
        {
            // An Include runs so that its validator can select among its own rules (as RulesetValidatorSelector does).
            return _includeRulesNotInRuleSet || rule is IIncludeRule;
        }
        foreach (var ruleSet in ruleSets)
        {
            if (string.Equals(ruleSet, _ruleSet, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}

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
    private static readonly OperationRuleSelector CreateSelector = new(RuleSets.Create, includeRulesNotInRuleSet: true);
    private static readonly OperationRuleSelector UpdateSelector = new(RuleSets.Update, includeRulesNotInRuleSet: true);
    private static readonly OperationRuleSelector DeleteSelector = new(RuleSets.Delete, includeRulesNotInRuleSet: false);
    private static readonly OperationRuleSelector ConnectSelector = new(RuleSets.For(AdmissionOperation.Connect), includeRulesNotInRuleSet: true);

    private readonly string _ruleSet;
    private readonly bool _includeRulesNotInRuleSet;

    private OperationRuleSelector(string ruleSet, bool includeRulesNotInRuleSet)
    {
        _ruleSet = ruleSet;
        _includeRulesNotInRuleSet = includeRulesNotInRuleSet;
    }

    public static OperationRuleSelector For(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => CreateSelector,
        AdmissionOperation.Update => UpdateSelector,
        AdmissionOperation.Delete => DeleteSelector,
        _ => ConnectSelector,
    };

    /// <summary>A validation context over <paramref name="subject"/> that runs the rules of <paramref name="operation"/>.</summary>
    public static ValidationContext<T> ContextFor<T>(T subject, AdmissionOperation operation) => new(subject, new PropertyChain(), For(operation));

    public bool CanExecute(IValidationRule rule, string propertyPath, IValidationContext context)
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

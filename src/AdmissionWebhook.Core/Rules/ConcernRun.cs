using System.Linq.Expressions;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace AdmissionWebhook.Rules;

/// <summary>
/// How a resource's validator runs one concern for one operation: the checks of its selected rules called in order,
/// when every such rule is a plain <c>RuleFor(x =&gt; x)</c> of <c>Custom</c> checks; otherwise the concern's own
/// <c>Validate</c>. Built once per validator and operation, then only read.
/// </summary>
/// <remarks>
/// What FluentValidation's rule runner adds to such a rule is a per-rule cost and nothing a check observes: the
/// accessor returns the object under review (interpreted under Native AOT: an <c>InterpretedFrame</c> of ~150 bytes per
/// run), the rule's path and display name go unused (checks report through <see cref="AdmissionValidationContext.Report{T}"/>
/// with their own field), and the concern's <c>Validate</c> wraps the shared failure list in a result of its own. A
/// rule with a condition, a dependent rule, an asynchronous check or an accessor other than the identity runs through
/// FluentValidation, unchanged.
/// </remarks>
internal sealed class ConcernRun<T>
{
    private readonly AbstractValidator<T>? _concern;
    private readonly IPropertyValidator<T, T>[] _checks;

    private ConcernRun(AbstractValidator<T>? concern, IPropertyValidator<T, T>[] checks)
    {
        _concern = concern;
        _checks = checks;
    }

    /// <summary>True when the run calls the checks itself rather than the concern's <c>Validate</c>.</summary>
    public bool IsDirect => _concern is null;

    /// <summary>The run of <paramref name="concern"/> for <paramref name="selector"/>'s operation; null when it selects none of its rules.</summary>
    public static ConcernRun<T>? For(AbstractValidator<T> concern, OperationRuleSelector selector)
    {
        var selected = concern.Where(selector.Selects).ToList();
        if (selected.Count == 0)
        {
            return null;
        }
        if (!selected.TrueForAll(IsIdentityCheckRule))
        {
            return new ConcernRun<T>(concern, []);
        }
        return new ConcernRun<T>(null, [.. selected.SelectMany(rule => rule.Components).Select(component => (IPropertyValidator<T, T>)component.Validator)]);
    }

    public void Run(ValidationContext<T> context)
    {
        if (_concern is not null)
        {
            _concern.Validate(context);
            return;
        }
        var subject = context.InstanceToValidate;
        foreach (var check in _checks)
        {
            // A Custom check always answers true; false would be a Must, whose failure only FluentValidation's runner words.
            if (!check.IsValid(context, subject))
            {
                throw new InvalidOperationException($"a {check.Name} in a RuleFor(x => x) of {typeof(T).Name} returned false: report failures through context.Report");
            }
        }
    }

    private static bool IsIdentityCheckRule(IValidationRule rule) =>
        rule is not IIncludeRule
        && rule.Expression is LambdaExpression { Parameters: [var parameter], Body: var body } && body == parameter
        && !rule.HasCondition && !rule.HasAsyncCondition
        && (rule.DependentRules is null || !rule.DependentRules.Any())
        && rule.Components.All(component =>
            !component.HasCondition && !component.HasAsyncCondition
            && component.Validator is IPropertyValidator<T, T> and not IAsyncPropertyValidator<T, T>);
}

using FluentValidation;

namespace AdmissionWebhook.Rules;

/// <summary>Attaches a catalogue entry to a FluentValidation rule, so no rule hand-writes a code string.</summary>
public static class RuleBuilderExtensions
{
    public static IRuleBuilderOptions<T, TProperty> WithRule<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, AdmissionRule descriptor, Func<T, TProperty, string> message) =>
        rule.WithErrorCode(descriptor.Code).WithSeverity(descriptor.Severity).WithMessage(message);
}

using AdmissionWebhook.Admission;
using AdmissionWebhook.Rules;
using FluentValidation;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// The selector picks what <c>IncludeRuleSets(operation)</c> with <c>IncludeRulesNotInRuleSet()</c> (DELETE: its own
/// set only) picked: the rule-set contract of <see cref="RuleSets"/>.
/// </summary>
public sealed class OperationRuleSelectorTests
{
    private sealed class Probe : AbstractValidator<string>
    {
        public Probe()
        {
            RuleFor(s => s).Custom((_, context) => context.AddFailure("unnamed", "x"));
            RuleSet(RuleSets.Create, () => RuleFor(s => s).Custom((_, context) => context.AddFailure("create", "x")));
            RuleSet(RuleSets.Update, () => RuleFor(s => s).Custom((_, context) => context.AddFailure("update", "x")));
            RuleSet("delete", () => RuleFor(s => s).Custom((_, context) => context.AddFailure("delete", "x")));
        }
    }

    [Theory]
    [InlineData(AdmissionOperation.Create, new[] { "unnamed", "create" })]
    [InlineData(AdmissionOperation.Update, new[] { "unnamed", "update" })]
    [InlineData(AdmissionOperation.Delete, new[] { "delete" })]
    [InlineData(AdmissionOperation.Connect, new[] { "unnamed" })]
    public void Runs_the_rules_outside_any_set_and_the_operations_own_set(AdmissionOperation operation, string[] expected)
    {
        var result = new Probe().Validate(OperationRuleSelector.ContextFor("subject", operation));

        Assert.Equal(expected, result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void Matches_what_fluent_validation_selects_with_the_same_options()
    {
        foreach (var operation in Enum.GetValues<AdmissionOperation>())
        {
            var expected = new Probe().Validate(ValidationContext<string>.CreateWithOptions("subject", options =>
            {
                options.IncludeRuleSets(RuleSets.For(operation));
                if (operation != AdmissionOperation.Delete)
                {
                    options.IncludeRulesNotInRuleSet();
                }
            }));
            var actual = new Probe().Validate(OperationRuleSelector.ContextFor("subject", operation));

            Assert.Equal(expected.Errors.Select(e => e.PropertyName), actual.Errors.Select(e => e.PropertyName));
        }
    }
}

using AdmissionWebhook.Rules;
using FluentValidation;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>The FluentValidation severity a rule's failures carry follows its default action.</summary>
public sealed class AdmissionRuleTests
{
    [Theory]
    [InlineData(RuleAction.Warn, Severity.Warning)]
    [InlineData(RuleAction.Deny, Severity.Error)]
    public void A_warning_rule_reports_warnings_and_a_denying_rule_errors(RuleAction action, Severity severity)
    {
        Assert.Equal(severity, new AdmissionRule("VmExample", "summary", action, "fix").Severity);
    }
}

using FluentValidation;

namespace AdmissionWebhook.Rules;

/// <summary>What a rule does when it fires. Configurable per cluster as <c>Rules:&lt;Code&gt;</c>.</summary>
public enum RuleAction
{
    /// <summary>Deny the request (validating webhook) or apply the fix (mutating webhook).</summary>
    Deny,

    /// <summary>Allow with a warning.</summary>
    Warn,

    /// <summary>Neither check nor mutate.</summary>
    Off,
}

/// <summary>
/// Identity of one admission check or mutation. <see cref="Code"/> is a public contract (denials, warnings,
/// metrics, configuration): never rename, only deprecate.
/// </summary>
/// <param name="Code">Stable PascalCase code with a resource prefix (<c>Vm</c>, <c>Nad</c>, <c>Subnet</c>).</param>
/// <param name="Summary">What the rule checks, in one line (the README table is generated from it).</param>
/// <param name="DefaultAction">Deny or Warn.</param>
/// <param name="Fix">How to fix a failure, in one line.</param>
/// <param name="Mutates">True when the mutating webhook repairs what it can of this rule.</param>
/// <param name="MutationOnly">True for codes that name a mutation and no check (the validator never reports them).</param>
public sealed record AdmissionRule(string Code, string Summary, RuleAction DefaultAction, string Fix, bool Mutates = false, bool MutationOnly = false)
{
    /// <summary>FluentValidation severity of the default action (overrides are applied when mapping failures).</summary>
    public Severity Severity => DefaultAction == RuleAction.Warn ? Severity.Warning : Severity.Error;
}

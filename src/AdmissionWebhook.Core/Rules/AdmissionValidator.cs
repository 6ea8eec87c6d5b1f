using FluentValidation;
using FluentValidation.Results;

namespace AdmissionWebhook.Rules;

/// <summary>
/// A resource's validator, composed of one FluentValidation validator per concern. Its rules are synchronous and read
/// what the cluster view answers from memory. Whatever only an asynchronous lookup can answer (the live cache's
/// fallback GET) is looked up before the rules run (<see cref="PrepareAsync"/>), so FluentValidation always takes its
/// synchronous path, which costs a fraction of the asynchronous one (no state machine per rule and element).
/// </summary>
/// <remarks>
/// The concerns run one after another on the one validation context, in the given order, as <c>Include</c> would run
/// them, but without the child context and property chain <c>Include</c> builds per concern and review (13 % of the VM
/// rules' allocations when measured). A concern none of whose rules the operation selects is not run at all: its
/// <c>Validate</c> would only allocate an empty result. Each concern declares one <c>RuleFor(x =&gt; x)</c> per rule set,
/// its checks chained as <c>Custom</c> components: FluentValidation runs a rule's accessor once for all its components,
/// and under Native AOT every run of that (interpreted) accessor allocates an <c>InterpretedFrame</c>.
/// </remarks>
public abstract class AdmissionValidator<T> : AbstractValidator<T>
{
    private readonly AbstractValidator<T>[] _concerns;

    // The concerns with at least one rule each operation selects, indexed by OperationRuleSelector.Index; built once.
    private readonly AbstractValidator<T>[][] _concernsByOperation;

    protected AdmissionValidator(params AbstractValidator<T>[] concerns)
    {
        _concerns = concerns;
        _concernsByOperation = OperationRuleSelector.All
            .Select(selector => Array.FindAll(concerns, concern => concern.Any(selector.Selects)))
            .ToArray();
    }

    /// <summary>The concerns, in the order they run.</summary>
    internal IReadOnlyList<AbstractValidator<T>> Concerns => _concerns;

    /// <summary>Looks up from memory what the rules will read; false when something needs <see cref="PrepareAsync"/>.</summary>
    protected virtual bool TryPrepare(ValidationContext<T> context) => true;

    /// <summary>Completes what <see cref="TryPrepare"/> could not answer from memory.</summary>
    protected virtual ValueTask PrepareAsync(ValidationContext<T> context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override ValidationResult Validate(ValidationContext<T> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TryPrepare(context))
        {
            throw new InvalidOperationException($"{GetType().Name} needs a lookup only ValidateAsync can make");
        }
        return RunConcerns(context);
    }

    public override Task<ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TryPrepare(context) ? Task.FromResult(RunConcerns(context)) : PrepareThenValidateAsync(context, cancellation);
    }

    private async Task<ValidationResult> PrepareThenValidateAsync(ValidationContext<T> context, CancellationToken cancellationToken)
    {
        await PrepareAsync(context, cancellationToken);
        return RunConcerns(context);
    }

    // Every concern adds its failures to the context's one list; the last result (or the composite's own, when there
    // is no concern) wraps that list.
    private ValidationResult RunConcerns(ValidationContext<T> context)
    {
        var concerns = context.Selector is OperationRuleSelector selector ? _concernsByOperation[selector.Index] : _concerns;
        ValidationResult? result = null;
        foreach (var concern in concerns)
        {
            result = concern.Validate(context);
        }
        return result ?? base.Validate(context);
    }
}

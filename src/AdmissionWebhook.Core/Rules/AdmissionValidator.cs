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
/// rules' allocations when measured). A concern none of whose rules the operation selects is not run at all, and one
/// whose selected rules are all <c>RuleFor(x =&gt; x)</c> with <c>Custom</c> checks has its checks called directly
/// (<see cref="ConcernRun{T}"/>): FluentValidation's per-rule accessor, interpreted under Native AOT, allocated an
/// <c>InterpretedFrame</c> per rule and review, and every concern's <c>Validate</c> a result of its own.
/// </remarks>
public abstract class AdmissionValidator<T> : AbstractValidator<T>
{
    private readonly AbstractValidator<T>[] _concerns;

    // How each operation runs the concerns it selects rules of, in order, indexed by OperationRuleSelector.Index; built once.
    private readonly ConcernRun<T>[][] _runsByOperation;

    protected AdmissionValidator(params AbstractValidator<T>[] concerns)
    {
        _concerns = concerns;
        _runsByOperation = [.. OperationRuleSelector.All.Select(selector =>
            concerns.Select(concern => ConcernRun<T>.For(concern, selector)).OfType<ConcernRun<T>>().ToArray())];
    }

    /// <summary>The concerns, in the order they run.</summary>
    internal IReadOnlyList<AbstractValidator<T>> Concerns => _concerns;

    /// <summary>How <paramref name="operation"/> runs the concerns (what tests hold direct).</summary>
    internal IReadOnlyList<ConcernRun<T>> RunsFor(Admission.AdmissionOperation operation) => _runsByOperation[OperationRuleSelector.For(operation).Index];

    /// <summary>
    /// Every concern through FluentValidation's own <c>Validate</c>, after the same preparation: what
    /// <see cref="Validate(ValidationContext{T})"/> must match, failure for failure (tests compare the two).
    /// </summary>
    internal ValidationResult ValidateThroughFluentValidation(ValidationContext<T> context)
    {
        if (!TryPrepare(context))
        {
            throw new InvalidOperationException($"{GetType().Name} needs a lookup only ValidateAsync can make");
        }
        foreach (var concern in _concerns)
        {
            concern.Validate(context);
        }
        return base.Validate(context);
    }

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

    // Every concern adds its failures to the context's one list; the composite's own result (it has no rules) wraps it.
    private ValidationResult RunConcerns(ValidationContext<T> context)
    {
        if (context.Selector is OperationRuleSelector selector)
        {
            foreach (var run in _runsByOperation[selector.Index])
            {
                run.Run(context);
            }
        }
        else
        {
            foreach (var concern in _concerns)
            {
                concern.Validate(context);
            }
        }
        return base.Validate(context);
    }
}

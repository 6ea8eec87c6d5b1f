using FluentValidation;
using FluentValidation.Results;

namespace AdmissionWebhook.Rules;

/// <summary>
/// A resource's validator: its rules are synchronous and read what the cluster view answers from memory. Whatever
/// only an asynchronous lookup can answer (the live cache's fallback GET) is looked up before the rules run
/// (<see cref="PrepareAsync"/>), so FluentValidation always takes its synchronous path, which costs a fraction of
/// the asynchronous one (no state machine per rule and element).
/// </summary>
public abstract class AdmissionValidator<T> : AbstractValidator<T>
{
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
        return base.Validate(context);
    }

    public override Task<ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TryPrepare(context) ? Task.FromResult(base.Validate(context)) : PrepareThenValidateAsync(context, cancellation);
    }

    private async Task<ValidationResult> PrepareThenValidateAsync(ValidationContext<T> context, CancellationToken cancellationToken)
    {
        await PrepareAsync(context, cancellationToken);
        return base.Validate(context);
    }
}

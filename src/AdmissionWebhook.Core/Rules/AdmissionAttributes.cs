using AdmissionWebhook.Admission;
using FluentValidation;

namespace AdmissionWebhook.Rules;

/// <summary>
/// The request around the validated object, carried in FluentValidation's root context data (the part
/// controller-runtime's <c>RequestFromContext</c> plays). The validated root is always the object under review:
/// the new object, or the old one on DELETE.
/// </summary>
public sealed record AdmissionAttributes(
    AdmissionOperation Operation,
    object? OldObject,
    string Namespace,
    string Name,
    UserInfo User,
    bool DryRun,
    AdmissionPolicy Policy)
{
    internal const string ContextKey = "admission";

    /// <summary>True when the requesting user is in <c>Webhook:ExemptUsers</c>.</summary>
    public bool UserIsExempt => Policy.IsExempt(User.Username);
}

/// <summary>Typed access to <see cref="AdmissionAttributes"/> and the one way rules report a failure.</summary>
public static class AdmissionValidationContext
{
    public static AdmissionAttributes Admission<T>(this ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(AdmissionAttributes.ContextKey, out var value) && value is AdmissionAttributes attributes
            ? attributes
            : throw new InvalidOperationException("the validation context carries no admission attributes");

    /// <summary>The old object of an UPDATE (or DELETE), typed.</summary>
    public static T? OldObject<T>(this ValidationContext<T> context) where T : class => context.Admission().OldObject as T;

    /// <summary>Records a failure of <paramref name="rule"/> at <paramref name="field"/>.</summary>
    public static void Report<T>(this ValidationContext<T> context, AdmissionRule rule, string field, string message) =>
        context.AddFailure(new FluentValidation.Results.ValidationFailure(field, message)
        {
            ErrorCode = rule.Code,
            Severity = rule.Severity,
        });

    /// <summary>Stores the attributes in a new validation context.</summary>
    internal static void SetAdmission<T>(this ValidationContext<T> context, AdmissionAttributes attributes) =>
        context.RootContextData[AdmissionAttributes.ContextKey] = attributes;
}

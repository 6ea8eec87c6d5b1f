using System.Text.Json;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;
using AdmissionWebhook.Rules;
using FluentValidation;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The one pipeline every resource goes through: guard, scope, decode once, then validate (FluentValidation with
/// the operation's rule set) or mutate (explicit RFC 6902 operations), and map the outcome to a decision.
/// </summary>
public sealed class AdmissionReviewer<T>(IValidator<T> validator, IAdmissionMutator<T> mutator, AdmissionPolicy policy) : IAdmissionReviewer
    where T : class, IAdmissionResource<T>
{
    /// <summary>Starts the warning that stands for a system actor's denial.</summary>
    public const string SystemActorPrefix = "not denied for a system actor: ";

    private static readonly ResourceDescriptor<T> Descriptor = T.Descriptor;

    public string Resource => Descriptor.Plural;

    public string PathFor(WebhookKind kind) => kind == WebhookKind.Validate ? Descriptor.ValidatePath : Descriptor.MutatePath;

    public async ValueTask<AdmissionDecision> ReviewAsync(AdmissionRequest request, WebhookKind kind, CancellationToken cancellationToken)
    {
        if (Guard(request) is { } refusal)
        {
            return refusal;
        }
        if (!AdmissionOperations.TryParse(request.Operation, out var operation))
        {
            return new AdmissionDecision.Error(400, $"operation \"{request.Operation}\" is not CREATE, UPDATE, DELETE or CONNECT");
        }
        // Out of scope: operations this webhook does not handle, and subresources such as status.
        if (!Descriptor.OperationsFor(kind).Contains(operation) || !string.IsNullOrEmpty(request.SubResource))
        {
            return AdmissionDecision.Allowed;
        }

        T? current = null;
        T? old = null;
        // One session for both decodes: oldObject reuses what it shares with object (on an UPDATE, nearly everything).
        var session = default(ResourceDecodeSession);
        try
        {
            if (operation != AdmissionOperation.Delete && !TryDecode(request, old: false, ref session, out current, out var error))
            {
                return error;
            }
            if (operation is AdmissionOperation.Update or AdmissionOperation.Delete && !TryDecode(request, old: true, ref session, out old, out error))
            {
                return error;
            }
        }
        finally
        {
            session.Dispose();
        }
        // An object already being deleted only loses finalizers: let it go, as KubeVirt's admitters do.
        if (current?.Metadata?.DeletionTimestamp is not null)
        {
            return AdmissionDecision.Allowed;
        }

        var attributes = new AdmissionAttributes(
            operation,
            old,
            request.Namespace ?? string.Empty,
            string.IsNullOrEmpty(request.Name) ? (current ?? old)?.Metadata?.Name ?? string.Empty : request.Name,
            request.UserInfo ?? new UserInfo(),
            request.DryRun ?? false,
            policy);

        if (kind == WebhookKind.Mutate && policy.IsSystemActor(attributes.User.Username))
        {
            // The deployed configuration skips them with matchConditions; answering the same here keeps lint, review
            // and a configuration without the conditions in step.
            return AdmissionDecision.Allowed;
        }
        return kind == WebhookKind.Validate
            ? await ValidateAsync(current ?? old!, attributes, request, cancellationToken)
            : await MutateAsync(current!, old, request, attributes, cancellationToken);
    }

    /// <summary>
    /// Runs the rules, then decides per failure: off, warning or denial (the configured action); on an UPDATE a denial
    /// the stored object already had in an unchanged field is ratcheted to a warning, and a system actor is never denied.
    /// </summary>
    private async ValueTask<AdmissionDecision> ValidateAsync(T subject, AdmissionAttributes attributes, AdmissionRequest request, CancellationToken cancellationToken)
    {
        var found = await RunRulesAsync(subject, attributes, cancellationToken);
        var systemActor = policy.IsSystemActor(attributes.User.Username);
        UpdateRatchet? ratchet = null;
        // Only a would-be denial needs the old object judged: most UPDATEs deny nothing and pay nothing for ratcheting.
        if (attributes.Operation == AdmissionOperation.Update && !systemActor && AnyDenial(found)
            && attributes.OldObject is T old && request.Object is { } rawCurrent && request.OldObject is { } rawOld)
        {
            // The old object as a CREATE of it would be judged: same rules, same cluster view. Update-only rules do not
            // run on a CREATE, so nothing they find is ever ratcheted away.
            var before = await RunRulesAsync(old, attributes with { Operation = AdmissionOperation.Create, OldObject = null }, cancellationToken);
            ratchet = new UpdateRatchet(rawOld, rawCurrent, before.Select(finding => finding.Failure));
        }

        // Made on the first entry: most reviews find nothing and answer the shared allow.
        List<RuleFailure>? failures = null;
        List<RuleFailure>? warnings = null;
        foreach (var (rule, failure) in found)
        {
            switch (policy.ActionFor(rule))
            {
                case RuleAction.Warn:
                    (warnings ??= []).Add(failure);
                    break;
                case RuleAction.Deny when ratchet is not null && ratchet.AlreadyPresent(failure):
                    (warnings ??= []).Add(UpdateRatchet.AsWarning(failure));
                    break;
                case RuleAction.Deny when systemActor:
                    (warnings ??= []).Add(failure with { Message = SystemActorPrefix + failure.Message });
                    break;
                case RuleAction.Deny:
                    (failures ??= []).Add(failure);
                    break;
            }
        }
        return failures is not null ? new AdmissionDecision.Deny(failures, warnings ?? [])
            : warnings is not null ? new AdmissionDecision.Allow(warnings)
            : AdmissionDecision.Allowed;
    }

    // A loop, not Any with a lambda: the lambda reads the policy, so it was a delegate made on every UPDATE.
    private bool AnyDenial(List<(AdmissionRule Rule, RuleFailure Failure)> found)
    {
        foreach (var (rule, _) in found)
        {
            if (policy.ActionFor(rule) == RuleAction.Deny)
            {
                return true;
            }
        }
        return false;
    }

    private async ValueTask<List<(AdmissionRule Rule, RuleFailure Failure)>> RunRulesAsync(
        T subject, AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        var context = OperationRuleSelector.ContextFor(subject, attributes.Operation);
        context.SetAdmission(attributes);
        var result = await validator.ValidateAsync(context, cancellationToken);

        var found = new List<(AdmissionRule, RuleFailure)>(result.Errors.Count);
        foreach (var failure in result.Errors)
        {
            if (!RuleCatalog.TryGet(failure.ErrorCode, out var rule))
            {
                throw new InvalidOperationException($"validator {validator.GetType().Name} reported \"{failure.ErrorCode}\", which is no catalogued rule");
            }
            found.Add((rule, new RuleFailure(rule.Code, failure.PropertyName ?? string.Empty, failure.ErrorMessage)));
        }
        return found;
    }

    private async ValueTask<AdmissionDecision> MutateAsync(
        T subject, T? old, AdmissionRequest request, AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        var mutation = await mutator.MutateAsync(new MutationContext<T>(subject, old, attributes, request), cancellationToken);
        if (mutation.Operations.Count == 0)
        {
            return AdmissionDecision.Allowed;
        }
        // A patch that does not apply is a 500 in the API server that failurePolicy cannot soften; prove it
        // applies here, and let a failure surface as our own internal error instead. The proof builds nothing for what the
        // patch does not touch and copies no value it adds (JsonPatchApplier.Verify).
        JsonPatchApplier.Verify(request.Object!.Value, mutation.Operations);
        return new AdmissionDecision.Patch(mutation.Operations, mutation.Codes, []);
    }

    private static AdmissionDecision.Error? Guard(AdmissionRequest request)
    {
        var kind = request.Kind;
        if (kind is null || kind.Group != Descriptor.Group || kind.Kind != Descriptor.Kind || kind.Version != Descriptor.Version)
        {
            return new AdmissionDecision.Error(400,
                $"this webhook reviews {Descriptor.ApiVersion} {Descriptor.Kind}, not {Describe(kind)}: check the webhook configuration's rules");
        }
        if (request.Resource is { } resource && (resource.Group != Descriptor.Group || resource.Resource != Descriptor.Plural))
        {
            return new AdmissionDecision.Error(400,
                $"this webhook reviews resource {Descriptor.Plural}.{Descriptor.Group}, not {resource.Resource}.{resource.Group}");
        }
        return null;
    }

    private static bool TryDecode(AdmissionRequest request, bool old, ref ResourceDecodeSession session, out T? value, out AdmissionDecision error)
    {
        error = AdmissionDecision.Allowed;
        value = null;
        if ((old ? request.DecodedOldObject : request.DecodedObject) is T decodedInPass)
        {
            // The transport decoded it while reading the body (SinglePassReviewReader), as the decode below would have.
            value = decodedInPass;
            return true;
        }
        var member = old ? "oldObject" : "object";
        // One pass of a hand-written reader over the object's text (Resources/Decoding): in the request body when the
        // transport read it, else in the element's document.
        bool decoded;
        DecodeFailure? failure;
        if ((old ? request.OldObjectText : request.ObjectText) is { } text)
        {
            if (!ResourceDecoding.IsObjectText(text.Span))
            {
                error = NotAnObject(member);
                return false;
            }
            decoded = ResourceDecoding.TryDecode(text, Descriptor, ref session, out value, out failure);
        }
        else if ((old ? request.OldObject : request.Object) is { ValueKind: JsonValueKind.Object } json)
        {
            decoded = ResourceDecoding.TryDecode(json, Descriptor, ref session, out value, out failure);
        }
        else
        {
            error = NotAnObject(member);
            return false;
        }
        if (!decoded)
        {
            error = new AdmissionDecision.Error(400, $"request.{member} is not a valid {Descriptor.ApiVersion} {Descriptor.Kind}: {failure}");
            return false;
        }
        return true;
    }

    private static AdmissionDecision.Error NotAnObject(string member) => new(400, $"request.{member} must be a {Descriptor.Kind} object");

    private static string Describe(GroupVersionKind? kind) =>
        kind is null ? "a request without kind" : $"{(string.IsNullOrEmpty(kind.Group) ? string.Empty : kind.Group + "/")}{kind.Version} {kind.Kind}";
}

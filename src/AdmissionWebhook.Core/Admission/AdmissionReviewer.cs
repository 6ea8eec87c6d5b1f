using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
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
        if (operation != AdmissionOperation.Delete && !TryDecode(request.Object, "object", out current, out var error))
        {
            return error;
        }
        if (operation is AdmissionOperation.Update or AdmissionOperation.Delete && !TryDecode(request.OldObject, "oldObject", out old, out error))
        {
            return error;
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

        return kind == WebhookKind.Validate
            ? await ValidateAsync(current ?? old!, attributes, cancellationToken)
            : await MutateAsync(current!, request.Object!.Value, old, request.OldObject, attributes, cancellationToken);
    }

    private async ValueTask<AdmissionDecision> ValidateAsync(T subject, AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        var context = ValidationContext<T>.CreateWithOptions(subject, options =>
        {
            options.IncludeRuleSets(RuleSets.For(attributes.Operation));
            if (attributes.Operation != AdmissionOperation.Delete)
            {
                options.IncludeRulesNotInRuleSet();
            }
        });
        context.SetAdmission(attributes);
        var result = await validator.ValidateAsync(context, cancellationToken);

        var failures = new List<RuleFailure>();
        var warnings = new List<RuleFailure>();
        foreach (var failure in result.Errors)
        {
            if (!RuleCatalog.TryGet(failure.ErrorCode, out var rule))
            {
                throw new InvalidOperationException($"validator {validator.GetType().Name} reported \"{failure.ErrorCode}\", which is no catalogued rule");
            }
            var target = policy.ActionFor(rule) switch
            {
                RuleAction.Deny => failures,
                RuleAction.Warn => warnings,
                _ => null,
            };
            target?.Add(new RuleFailure(rule.Code, failure.PropertyName ?? string.Empty, failure.ErrorMessage));
        }
        return failures.Count > 0 ? new AdmissionDecision.Deny(failures, warnings) : new AdmissionDecision.Allow(warnings);
    }

    private async ValueTask<AdmissionDecision> MutateAsync(
        T subject, JsonElement raw, T? old, JsonElement? rawOld, AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        var mutation = await mutator.MutateAsync(new MutationContext<T>(subject, raw, old, rawOld, attributes), cancellationToken);
        if (mutation.Operations.Count == 0)
        {
            return AdmissionDecision.Allowed;
        }
        // A patch that does not apply is a 500 in the API server that failurePolicy cannot soften; prove it
        // applies here, and let a failure surface as our own internal error instead.
        JsonPatchApplier.Apply(JsonNode.Parse(raw.GetRawText()), mutation.Operations);
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

    private static bool TryDecode(JsonElement? element, string member, out T? value, out AdmissionDecision error)
    {
        value = null;
        error = AdmissionDecision.Allowed;
        if (element is not { ValueKind: JsonValueKind.Object } json)
        {
            error = new AdmissionDecision.Error(400, $"request.{member} must be a {Descriptor.Kind} object");
            return false;
        }
        try
        {
            value = json.Deserialize(Descriptor.TypeInfo);
        }
        catch (JsonException e)
        {
            error = new AdmissionDecision.Error(400, $"request.{member} is not a valid {Descriptor.ApiVersion} {Descriptor.Kind}: {e.Message}");
            return false;
        }
        if (value is null)
        {
            error = new AdmissionDecision.Error(400, $"request.{member} must be a {Descriptor.Kind} object");
            return false;
        }
        return true;
    }

    private static string Describe(GroupVersionKind? kind) =>
        kind is null ? "a request without kind" : $"{(string.IsNullOrEmpty(kind.Group) ? string.Empty : kind.Group + "/")}{kind.Version} {kind.Kind}";
}

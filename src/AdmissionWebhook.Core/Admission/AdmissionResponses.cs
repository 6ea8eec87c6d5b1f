using System.Globalization;
using System.Text;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Admission;

/// <summary>The one place that turns an <see cref="AdmissionDecision"/> into the v1 wire response.</summary>
public static class AdmissionResponses
{
    /// <summary>Failures listed in the summary message before "and N more" (as KubeVirt does).</summary>
    public const int MaxCausesInMessage = 10;

    /// <summary>The API server documentation asks for warnings of at most 120 characters.</summary>
    public const int MaxWarningLength = 120;

    public const string JsonPatchType = "JSONPatch";

    /// <summary>Wraps a response in the v1 envelope (apiVersion and kind are always the v1 ones).</summary>
    public static AdmissionReview Envelope(AdmissionResponse response) => new()
    {
        ApiVersion = AdmissionReview.V1ApiVersion,
        Kind = AdmissionReview.ReviewKind,
        Response = response,
    };

    /// <summary>Builds the response for <paramref name="request"/>; <c>uid</c> is always echoed.</summary>
    public static AdmissionResponse From(AdmissionRequest request, AdmissionDecision decision)
    {
        var uid = request.Uid ?? string.Empty;
        return decision switch
        {
            AdmissionDecision.Allow allow => new AdmissionResponse { Uid = uid, Allowed = true, Warnings = FormatWarnings(allow.Warnings) },
            AdmissionDecision.Patch patch when patch.Operations.Count > 0 => new AdmissionResponse
            {
                Uid = uid,
                Allowed = true,
                PatchType = JsonPatchType,
                Patch = JsonPatchSerializer.ToUtf8Bytes(patch.Operations),
                Warnings = FormatWarnings(patch.Warnings),
            },
            AdmissionDecision.Patch patch => new AdmissionResponse { Uid = uid, Allowed = true, Warnings = FormatWarnings(patch.Warnings) },
            AdmissionDecision.Deny deny => new AdmissionResponse
            {
                Uid = uid,
                Allowed = false,
                Status = new Status
                {
                    Code = 422,
                    Reason = "Invalid",
                    Message = FormatDenialMessage(deny.Failures),
                    Details = new StatusDetails
                    {
                        Name = string.IsNullOrEmpty(request.Name) ? null : request.Name,
                        Group = request.Kind?.Group,
                        Kind = request.Kind?.Kind,
                        Causes = [.. deny.Failures.Select(f => new StatusCause(f.Code, f.Message, f.Field))],
                    },
                },
                Warnings = FormatWarnings(deny.Warnings),
            },
            AdmissionDecision.Error error => new AdmissionResponse
            {
                Uid = uid,
                Allowed = false,
                Status = new Status { Code = error.Code, Reason = ReasonFor(error.Code), Message = error.Message },
            },
            _ => throw new InvalidOperationException($"unknown decision {decision.GetType().Name}"),
        };
    }

    /// <summary><c>&lt;Code&gt;: &lt;field&gt;: &lt;message&gt;</c> joined by "; ", at most ten, then "and N more".</summary>
    public static string FormatDenialMessage(IReadOnlyList<RuleFailure> failures)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < failures.Count && i < MaxCausesInMessage; i++)
        {
            if (i > 0)
            {
                builder.Append("; ");
            }
            var failure = failures[i];
            builder.Append(failure.Code).Append(": ");
            if (failure.Field.Length > 0)
            {
                builder.Append(failure.Field).Append(": ");
            }
            builder.Append(failure.Message);
        }
        if (failures.Count > MaxCausesInMessage)
        {
            builder.Append("; and ").Append((failures.Count - MaxCausesInMessage).ToString(CultureInfo.InvariantCulture)).Append(" more");
        }
        return builder.ToString();
    }

    /// <summary><c>&lt;Code&gt;: &lt;message&gt;</c>, cut to 120 characters; null when there are none.</summary>
    public static IReadOnlyList<string>? FormatWarnings(IReadOnlyList<RuleFailure> warnings)
    {
        if (warnings.Count == 0)
        {
            return null;
        }
        var result = new string[warnings.Count];
        for (var i = 0; i < warnings.Count; i++)
        {
            var text = $"{warnings[i].Code}: {warnings[i].Message}";
            result[i] = text.Length <= MaxWarningLength ? text : string.Concat(text.AsSpan(0, MaxWarningLength - 3), "...");
        }
        return result;
    }

    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        403 => "Forbidden",
        404 => "NotFound",
        422 => "Invalid",
        _ => "InternalError",
    };
}

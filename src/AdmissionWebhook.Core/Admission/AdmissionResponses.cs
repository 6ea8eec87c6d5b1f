using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
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

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = AdmissionJsonContext.Wire.Options.Encoder };

    // One writer per thread, reset onto each answer: the answer is written synchronously, so it is never shared.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Writes <see cref="Envelope"/> of <paramref name="response"/> as <see cref="AdmissionJsonContext.Wire"/> would, byte for
    /// byte (a test holds them equal), without the serializer's frame stack for the envelope's nesting or a writer per
    /// answer: the envelope's three members by hand, the response itself by the serializer.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, AdmissionResponse response)
    {
        var writer = t_writer ??= new Utf8JsonWriter(NoOutput.Instance, WriterOptions);
        writer.Reset(output);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, AdmissionReview.V1ApiVersion);
            writer.WriteString("kind"u8, AdmissionReview.ReviewKind);
            writer.WritePropertyName("response"u8);
            JsonSerializer.Serialize(writer, response, AdmissionJsonContext.Wire.AdmissionResponse);
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            // Let go of the output (a response body) until the next answer on this thread. Not onto a stream: a writer reset
            // onto one makes itself a new ArrayBufferWriter to stage the stream's bytes, an object per answer.
            writer.Reset(NoOutput.Instance);
        }
    }

    /// <summary>Where the idle writer points between answers; nothing is ever written there.</summary>
    private sealed class NoOutput : IBufferWriter<byte>
    {
        public static NoOutput Instance { get; } = new();

        public void Advance(int count) => throw new InvalidOperationException("the idle answer writer was written to");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("the idle answer writer was written to");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("the idle answer writer was written to");
    }

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
                Patch = JsonPatchSerializer.ToPayload(patch.Operations),
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

    /// <summary>
    /// <c>&lt;Code&gt;: &lt;field&gt;: &lt;message&gt;</c> joined by "; ", at most ten, then "and N more" (RULES.md). When
    /// there are more than ten, the ten listed include the first failure of every rule that failed (up to ten rules),
    /// the rest of the room going to the earliest others, all in their original order: a VM with 6,000 interfaces
    /// failing one rule and one field failing another names both, not ten of the 6,000. Every failure stays in
    /// <c>status.details.causes</c>, so the count and the machine-readable list are whole.
    /// </summary>
    public static string FormatDenialMessage(IReadOnlyList<RuleFailure> failures)
    {
        var builder = new StringBuilder();
        var listed = 0;
        foreach (var index in ListedFailures(failures))
        {
            if (listed++ > 0)
            {
                builder.Append("; ");
            }
            var failure = failures[index];
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

    /// <summary>The indexes of the failures the message lists, ascending (see <see cref="FormatDenialMessage"/>).</summary>
    private static IEnumerable<int> ListedFailures(IReadOnlyList<RuleFailure> failures)
    {
        if (failures.Count <= MaxCausesInMessage)
        {
            return Enumerable.Range(0, failures.Count);
        }
        var listed = new SortedSet<int>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < failures.Count && listed.Count < MaxCausesInMessage; i++)
        {
            if (codes.Add(failures[i].Code))
            {
                listed.Add(i);
            }
        }
        for (var i = 0; listed.Count < MaxCausesInMessage; i++)
        {
            listed.Add(i);
        }
        return listed;
    }

    /// <summary>
    /// <c>&lt;Code&gt;: &lt;message&gt;</c>, at most 120 characters each; null when there are none. Only what the API
    /// server passes on is formatted: kube-apiserver's warning recorder
    /// (<c>staging/src/k8s.io/apiserver/pkg/endpoints/filters/warning.go</c>, <c>recorder.AddWarning</c>) drops a text it
    /// has already recorded, and once the warnings reach <c>truncateAtTotalRunes = 4 * 1024</c> runes it cuts each to
    /// <c>truncateItemRunes = 256</c> and takes no more. A review with thousands of warnings (a ratcheted or system
    /// actor's edit of a 6,000-interface VM) sends the same warnings the client would have seen, not thousands of
    /// strings the API server throws away.
    /// </summary>
    public static IReadOnlyList<string>? FormatWarnings(IReadOnlyList<RuleFailure> warnings)
    {
        if (warnings.Count == 0)
        {
            return null;
        }
        var result = new List<string>(Math.Min(warnings.Count, 64));
        var seen = warnings.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        var runes = 0;
        for (var i = 0; i < warnings.Count && runes < MaxWarningRunesTotal; i++)
        {
            var text = FitWarning(warnings[i].Code, warnings[i].Message);
            if (seen is null || seen.Add(text))
            {
                result.Add(text);
                runes += RuneCount(text);
            }
        }
        return result;
    }

    /// <summary>kube-apiserver's budget for a response's warnings, in runes (see <see cref="FormatWarnings"/>).</summary>
    public const int MaxWarningRunesTotal = 4 * 1024;

    private static int RuneCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// Rule messages read "&lt;what is wrong&gt;: &lt;the fix&gt;". When the whole does not fit, the code and the fix
    /// stay and the explanation is shortened, since the fix is what the user acts on; only a fix that does not fit
    /// on its own is cut at its end.
    /// </summary>
    internal static string FitWarning(string code, string message)
    {
        const string ellipsis = "...";
        var text = $"{code}: {message}";
        if (text.Length <= MaxWarningLength)
        {
            return text;
        }
        var split = FixSeparator(message);
        if (split > 0)
        {
            var explanation = message[..split];
            var fix = message[(split + 2)..];
            // A fix that opens with its own reason ("SR-IOV plugs only through a live migration; use bridge: {} ...")
            // gives the reason up to the explanation first.
            for (var semicolon = fix.IndexOf("; ", StringComparison.Ordinal);
                code.Length + 2 + fix.Length > MaxWarningLength && semicolon > 0;
                semicolon = fix.IndexOf("; ", StringComparison.Ordinal))
            {
                explanation = $"{explanation}: {fix[..semicolon]}";
                fix = fix[(semicolon + 2)..];
            }
            var room = MaxWarningLength - code.Length - 2 - ellipsis.Length - 2 - fix.Length;
            if (room >= 0)
            {
                var shortened = explanation[..Math.Min(room, explanation.Length)].TrimEnd();
                return shortened.Length > 0 ? $"{code}: {shortened}{ellipsis}: {fix}" : $"{code}: {fix}";
            }
        }
        return string.Concat(text.AsSpan(0, MaxWarningLength - ellipsis.Length), ellipsis);
    }

    /// <summary>The first ": " outside double quotes (values are quoted, and a fix may itself hold "bridge: {}").</summary>
    private static int FixSeparator(string message)
    {
        var quoted = false;
        for (var i = 0; i + 1 < message.Length; i++)
        {
            if (message[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && message[i] == ':' && message[i + 1] == ' ')
            {
                return i;
            }
        }
        return -1;
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

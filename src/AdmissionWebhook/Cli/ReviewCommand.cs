using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Offline;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Cli;

/// <summary><c>review --old OLD --new NEW</c>: what the webhook would answer for one edit, without a cluster.</summary>
internal static class ReviewCommand
{
    public const string Help = """
        Usage: AdmissionWebhook review [--old OLD] [--new NEW] [options]

        Shows what the webhook would do to one edit: the API server's sequence of the mutating webhook, the
        patch applied, then the validating webhook on the patched object, through the server's own pipeline.
          --old and --new   UPDATE      --new alone   CREATE      --old alone   DELETE
        OLD and NEW are manifest files (YAML or JSON, - for standard input) holding one NAD, Subnet or VM each.

        Options:
          --cluster PATH...  manifests (files or folders) that make up the cluster: the NADs and Subnets the
                             rules look up. The old object counts as stored in the cluster.
          --user NAME        the requesting user (default kubernetes-admin); the update-only VM rules skip the
                             Webhook:ExemptUsers (default system:serviceaccount:kubevirt:kubevirt-controller).
          --format FORMAT    text (default): decision, causes, warnings, JSON patch and patched object;
                             json: the AdmissionReview answers exactly as the server writes them, one per line:
                             the mutating webhook's, then the validating webhook's (absent when the mutating
                             webhook refused).
          --webhook WHICH    with --format json: both (default), mutate or validate.
          --uid UID          the request uid (default: a new one), echoed in the responses.
          --config FILE      an appsettings-style JSON file (Rules:<Code>, Webhook:ExemptUsers, ...); repeatable.
          -h, --help         show this help.

        Exit codes: 0 the edit would be admitted (patched or not); 1 it would be denied; 2 usage or input error
        (the message names the file and line).

        """;

    private static readonly HashSet<string> Options = ["--old", "--new", "--cluster", "--user", "--format", "--webhook", "--uid", "--config"];
    private static readonly HashSet<string> MultiValued = ["--cluster"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, new HashSet<string>(), Options, MultiValued);
        if (parsed.Help)
        {
            await console.Out.WriteAsync(Help);
            return ExitCodes.Clean;
        }
        if (parsed.Operands.Count > 0)
        {
            throw new CliUsageException($"review takes no operands (got \"{parsed.Operands[0]}\"): use --old, --new and --cluster");
        }
        var format = parsed.Single("--format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new CliUsageException($"--format must be text or json, not \"{format}\"");
        }
        var webhook = parsed.Single("--webhook") ?? "both";
        if (webhook is not ("both" or "mutate" or "validate"))
        {
            throw new CliUsageException($"--webhook must be both, mutate or validate, not \"{webhook}\"");
        }
        var oldPath = parsed.Single("--old");
        var newPath = parsed.Single("--new");
        if (oldPath is null && newPath is null)
        {
            throw new CliUsageException("review needs --new (CREATE), --old (DELETE) or both (UPDATE)");
        }
        if (oldPath == "-" && newPath == "-")
        {
            throw new CliUsageException("only one of --old and --new can read standard input");
        }

        var old = oldPath is null ? null : ReadOne(oldPath, console.In);
        var current = newPath is null ? null : ReadOne(newPath, console.In);
        var request = ReviewRequests.Create(old, current, parsed.Single("--user") ?? ReviewRequests.DefaultUser, parsed.Single("--uid") ?? Guid.NewGuid().ToString());

        var cluster = ManifestInput.ReadAll(parsed.All("--cluster"), console.In).SelectMany(i => i.Documents).ToList();
        if (old is not null && !cluster.Any(d => SameObject(d, old)))
        {
            cluster.Add(old);
        }
        var configuration = OfflineComposition.Configuration(parsed.All("--config"), kubeconfig: null);
        await using var provider = OfflineComposition.Build(configuration, ClusterManifests.ToSnapshot(cluster), "manifests given with --cluster", useLiveCluster: false);
        var outcome = await OfflineComposition.Pipeline(provider).RunAsync(request, cancellationToken);

        if (format == "json")
        {
            foreach (var call in new[] { outcome.Mutate, outcome.Validate }.OfType<WebhookCall>())
            {
                if (webhook == "both" || (webhook == "mutate") == (call.Kind == WebhookKind.Mutate))
                {
                    await console.Out.WriteAsync(JsonSerializer.Serialize(call.Envelope, AdmissionJsonContext.Wire.AdmissionReview) + "\n");
                }
            }
        }
        else
        {
            await WriteTextAsync(request, outcome, console.Out);
        }
        return outcome.Allowed ? ExitCodes.Clean : ExitCodes.Violations;
    }

    private static ManifestDocument ReadOne(string path, TextReader stdin)
    {
        var documents = ManifestInput.ReadAll([path], stdin).SelectMany(i => i.Documents).ToList();
        return documents switch
        {
            // The API server refuses such an object before any webhook is called: no verdict to show.
            [var one] when ReviewedKind.Of(one) is { } kind && ObjectCheck.Problems(one, kind) is [var problem, ..] =>
                throw new ManifestException(one.Source, problem.Line, problem.Column, problem.Message),
            [var one] => one,
            [] => throw new ManifestException(path, null, "holds no object"),
            _ => throw new ManifestException(path, documents[1].Line, $"holds {documents.Count} objects: review takes one object per file"),
        };
    }

    private static bool SameObject(ManifestDocument a, ManifestDocument b)
    {
        static string? Meta(ManifestDocument d, string member) => d.Object["metadata"]?[member] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return a.Kind == b.Kind && Meta(a, "name") == Meta(b, "name") && (Meta(a, "namespace") ?? "default") == (Meta(b, "namespace") ?? "default");
    }

    private static async Task WriteTextAsync(AdmissionRequest request, PipelineOutcome outcome, TextWriter output)
    {
        var text = new StringBuilder();
        var target = string.IsNullOrEmpty(request.Namespace) ? request.Name : $"{request.Namespace}/{request.Name}";
        text.Append("request: ").Append(request.Operation).Append(' ').Append(request.Kind?.Kind).Append(' ').Append(target)
            .Append(" by ").Append(request.UserInfo?.Username).Append('\n');
        var decision = outcome switch
        {
            { Allowed: false } => "denied",
            { Operations.Count: > 0 } => "allowed, patched",
            _ => "allowed",
        };
        text.Append("decision: ").Append(decision).Append('\n');
        var deciding = outcome.Deciding.Response;
        if (!deciding.Allowed && deciding.Status is { } status)
        {
            text.Append("status: ").Append(status.Code).Append(' ').Append(status.Reason).Append('\n');
            if (status.Details is { Causes.Count: > 0 } details)
            {
                text.Append("causes:\n");
                foreach (var cause in details.Causes)
                {
                    text.Append("  ").Append(cause.Reason).Append(": ").Append(cause.Field.Length > 0 ? cause.Field + ": " : string.Empty).Append(cause.Message).Append('\n');
                }
            }
            else
            {
                text.Append("message: ").Append(status.Message).Append('\n');
            }
        }
        if (outcome.Warnings.Count > 0)
        {
            text.Append("warnings:\n");
            foreach (var warning in outcome.Warnings)
            {
                text.Append("  ").Append(warning.Code).Append(": ").Append(warning.Message).Append('\n');
            }
        }
        if (outcome.Operations.Count > 0)
        {
            text.Append("mutations: ").Append(string.Join(", ", outcome.MutationCodes)).Append('\n');
            text.Append("patch:\n").Append(JsonNode.Parse(JsonPatchSerializer.ToUtf8Bytes(outcome.Operations))!.ToJsonString(Indented)).Append('\n');
            text.Append("patched object:\n").Append((outcome.PatchedObject?.ToJsonString(Indented) ?? "null")).Append('\n');
        }
        await output.WriteAsync(text.ToString());
    }
}

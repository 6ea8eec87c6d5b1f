using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Offline;

/// <summary>
/// Lints manifests: every NAD, Subnet and VM goes through the webhook's own pipeline as a CREATE, meeting the
/// other objects of the manifests as its cluster. Denials are errors, warnings stay warnings, and each mutation
/// the webhook would apply is a fixable finding, explained by the validation message of the same rule when the
/// object as written fails it.
/// </summary>
public sealed class LintEngine(AdmissionPipeline pipeline, ManifestClusterView cluster, string user = ReviewRequests.DefaultUser)
{
    /// <summary>The code of a finding for an object the webhook cannot even decode.</summary>
    public const string InvalidObjectCode = "ObjectInvalid";

    /// <summary>The code of a finding for a second definition of the same object.</summary>
    public const string DuplicateObjectCode = "ObjectDuplicate";

    public async Task<LintReport> LintAsync(IReadOnlyList<ManifestDocument> documents, CancellationToken cancellationToken)
    {
        // What the API server would refuse outright is reported as such, and kept out of the cluster view.
        var problems = new Dictionary<ManifestDocument, IReadOnlyList<LintFinding>>(ReferenceEqualityComparer.Instance);
        foreach (var document in documents)
        {
            if (ReviewedKind.Of(document) is { } reviewed)
            {
                problems[document] = ObjectCheck.Problems(document, reviewed);
            }
        }
        bool Sound(ManifestDocument d) => problems.TryGetValue(d, out var found) && found.Count == 0;
        // Decode every NAD and Subnet once up front; each object then meets all the others, without itself.
        // (An object named only by generateName has no name to be looked up by, so it stays out as well.)
        var nads = ClusterObjects(documents.Where(Sound), NetworkAttachmentDefinition.Descriptor);
        var subnets = ClusterObjects(documents.Where(Sound), Subnet.Descriptor);
        var firstDefinitions = new Dictionary<(string Group, string Kind, string Namespace, string Name), ManifestDocument>();
        var results = new List<LintObjectResult>();
        foreach (var document in documents)
        {
            if (ReviewedKind.Of(document) is not { } kind)
            {
                continue;
            }
            cluster.Manifests = ClusterSnapshot.From(
                nads.Where(n => !ReferenceEquals(n.Document, document)).Select(n => n.Value),
                subnets.Where(s => !ReferenceEquals(s.Document, document)).Select(s => s.Value));
            var request = ReviewRequests.Create(null, document, user, Guid.NewGuid().ToString());
            var findings = new List<LintFinding>();
            PipelineOutcome outcome;
            if (problems[document] is { Count: > 0 } refused)
            {
                findings.AddRange(refused);
                outcome = NotReviewed(request, refused[0].Message);
            }
            else
            {
                outcome = await pipeline.RunAsync(request, cancellationToken);
                findings.AddRange(await FindingsAsync(document, request, outcome, cancellationToken));
            }
            var identity = (kind.Group, kind.Kind, request.Namespace ?? string.Empty, request.Name ?? string.Empty);
            if (identity.Item4.Length > 0 && !firstDefinitions.TryAdd(identity, document))
            {
                var first = firstDefinitions[identity];
                findings.Insert(0, new LintFinding(DuplicateObjectCode, LintSeverity.Error, "metadata.name", document.LineOf("/metadata/name"),
                    $"{kind.Kind} {Display(identity.Item3, identity.Item4)} is already defined at {first.Source}:{first.Line}: applying both keeps only the last; keep one definition"));
            }
            results.Add(new LintObjectResult(document, kind.Kind, request.Namespace ?? string.Empty,
                request.Name ?? string.Empty, findings, outcome));
        }
        return new LintReport(results);
    }

    private static List<(ManifestDocument Document, T Value)> ClusterObjects<T>(IEnumerable<ManifestDocument> documents, ResourceDescriptor<T> descriptor)
        where T : class, IAdmissionResource
    {
        var objects = new List<(ManifestDocument, T)>();
        foreach (var document in documents.Where(d => ClusterManifests.Is(d, descriptor)))
        {
            try
            {
                objects.Add((document, ClusterManifests.Decode(document, descriptor)));
            }
            catch (ManifestException)
            {
                // Not in the cluster view; the object's own findings say why.
            }
        }
        return objects;
    }

    private static string Display(string ns, string name) => ns.Length > 0 ? $"{ns}/{name}" : name;

    /// <summary>The outcome for an object the API server would refuse before calling the webhook.</summary>
    private static PipelineOutcome NotReviewed(AdmissionRequest request, string reason)
    {
        var decision = new AdmissionDecision.Error(400, reason);
        return new PipelineOutcome(new WebhookCall(WebhookKind.Mutate, request, decision, AdmissionResponses.From(request, decision)), [], null, null);
    }

    private async Task<IReadOnlyList<LintFinding>> FindingsAsync(ManifestDocument document, AdmissionRequest request, PipelineOutcome outcome, CancellationToken cancellationToken)
    {
        var findings = new List<LintFinding>();
        switch (outcome.Deciding.Decision)
        {
            case AdmissionDecision.Deny deny:
                findings.AddRange(deny.Failures.Select(f => Locate(document, f, LintSeverity.Error)));
                break;
            case AdmissionDecision.Error error:
                findings.Add(new LintFinding(InvalidObjectCode, LintSeverity.Error, string.Empty, document.Line, error.Message));
                break;
        }
        findings.AddRange(outcome.Warnings.Select(w => Locate(document, w, LintSeverity.Warning)));

        if (outcome.MutationCodes.Count > 0)
        {
            // The object as written, unpatched: its failures say in the rule's own words what the patch repairs.
            var asWritten = await pipeline.ValidateAsync(request, cancellationToken);
            var explained = asWritten.Decision switch
            {
                AdmissionDecision.Deny deny => [.. deny.Failures, .. deny.Warnings],
                AdmissionDecision.Allow allow => allow.Warnings,
                _ => [],
            };
            foreach (var code in outcome.MutationCodes.Distinct(StringComparer.Ordinal))
            {
                var reasons = explained.Where(f => f.Code == code).ToList();
                if (reasons.Count > 0)
                {
                    findings.AddRange(reasons.Select(f => Locate(document, f with { Message = $"{f.Message} (the mutating webhook fixes this: lint --fix)" }, LintSeverity.Fixable)));
                    continue;
                }
                var paths = outcome.Operations.Where(o => o.Op != Patching.JsonPatchOperation.TestOp).Select(o => o.Path.ToString()).Distinct(StringComparer.Ordinal).ToList();
                var first = paths.Count > 0 ? paths[0] : string.Empty;
                findings.Add(new LintFinding(code, LintSeverity.Fixable, first, document.LineOf(first),
                    $"the mutating webhook would change {string.Join(", ", paths)} on admission: lint --fix writes the change"));
            }
        }
        return [.. findings.OrderBy(f => f.Line)];
    }

    private static LintFinding Locate(ManifestDocument document, RuleFailure failure, LintSeverity severity) =>
        new(failure.Code, severity, failure.Field, document.LineOf(FieldPaths.ToPointer(failure.Field).ToString()), failure.Message);
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Offline;

/// <summary>
/// Builds the AdmissionRequest the API server would send for an edit of manifest objects: CREATE (new only),
/// UPDATE (old and new) or DELETE (old only). Namespaced objects without a namespace land in "default", and the
/// object carries that namespace, as it would after the API server defaulted it.
/// </summary>
public static class ReviewRequests
{
    public const string DefaultUser = "kubernetes-admin";

    public static AdmissionRequest Create(ManifestDocument? old, ManifestDocument? current, string user, string uid)
    {
        var subject = current ?? old ?? throw new ArgumentException("an edit needs an old or a new object");
        var kind = ReviewedKind.Of(subject)
            ?? throw new ManifestException(subject.Source, subject.Line,
                $"{subject.ApiVersion} {subject.Kind} is not reviewed by this webhook (only VirtualMachine, NetworkAttachmentDefinition and Subnet)");
        var (ns, name) = Identity(subject, kind);
        if (old is not null && current is not null)
        {
            if (ReviewedKind.Of(old) != kind)
            {
                throw new ManifestException(old.Source, old.Line, $"the old object is a {old.Kind}, the new one a {current.Kind}");
            }
            var oldIdentity = Identity(old, kind);
            if (oldIdentity != (ns, name))
            {
                throw new ManifestException(old.Source, old.Line,
                    $"the old object is {Describe(oldIdentity)}, the new one {Describe((ns, name))}: an update keeps namespace and name");
            }
        }
        var operation = (old, current) switch
        {
            (null, _) => "CREATE",
            (_, null) => "DELETE",
            _ => "UPDATE",
        };
        return new AdmissionRequest
        {
            Uid = uid,
            Kind = new GroupVersionKind(kind.Group, kind.Version, kind.Kind),
            Resource = new GroupVersionResource(kind.Group, kind.Version, kind.Plural),
            RequestKind = new GroupVersionKind(kind.Group, kind.Version, kind.Kind),
            RequestResource = new GroupVersionResource(kind.Group, kind.Version, kind.Plural),
            Name = name,
            Namespace = ns,
            Operation = operation,
            UserInfo = new UserInfo { Username = user, Groups = ["system:authenticated"] },
            Object = current is null ? null : ManifestReader.ToElement(Normalise(current, kind, ns, creating: old is null)),
            OldObject = old is null ? null : ManifestReader.ToElement(Normalise(old, kind, ns, creating: false)),
            DryRun = false,
        };
    }

    private static (string Namespace, string Name) Identity(ManifestDocument document, ReviewedKind kind)
    {
        var metadata = document.Object["metadata"] as JsonObject;
        var name = metadata?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : string.Empty;
        var ns = metadata?["namespace"] is JsonValue v && v.TryGetValue<string>(out var t) && t.Length > 0 ? t : "default";
        return (kind.Namespaced ? ns : string.Empty, name);
    }

    /// <summary>The object as the API server passes it on: namespace defaulted and, on CREATE, the deletion fields
    /// cleared (the API server's BeforeCreate does, so a manifest exported from a terminating object is still
    /// reviewed as a new one rather than let through as "being deleted").</summary>
    private static JsonObject Normalise(ManifestDocument document, ReviewedKind kind, string ns, bool creating)
    {
        var copy = (JsonObject)document.Object.DeepClone();
        if (copy["metadata"] is JsonObject metadata)
        {
            if (kind.Namespaced && metadata["namespace"] is null)
            {
                metadata["namespace"] = ns;
            }
            if (creating)
            {
                metadata.Remove("deletionTimestamp");
                metadata.Remove("deletionGracePeriodSeconds");
            }
        }
        return copy;
    }

    private static string Describe((string Namespace, string Name) identity) =>
        identity.Namespace.Length > 0 ? $"{identity.Namespace}/{identity.Name}" : identity.Name;
}

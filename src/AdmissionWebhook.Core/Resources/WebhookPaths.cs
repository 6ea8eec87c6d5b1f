using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Resources;

/// <summary>Derives webhook paths from a group, version and kind (controller-runtime's naming).</summary>
public static class WebhookPaths
{
    public static string For(WebhookKind kind, string group, string version, string resourceKind)
    {
        var verb = kind == WebhookKind.Validate ? "validate" : "mutate";
        return $"/{verb}-{group.Replace('.', '-')}-{version}-{resourceKind.ToLowerInvariant()}";
    }
}

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>Field paths NAD rules report. Fields inside the config string have no Kubernetes path of their own.</summary>
internal static class NadFields
{
    public const string Config = "spec.config";
    public const string Name = "metadata.name";
}

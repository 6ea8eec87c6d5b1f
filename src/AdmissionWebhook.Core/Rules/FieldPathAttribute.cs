namespace AdmissionWebhook.Rules;

/// <summary>Names the Kubernetes field path of a convenience member that shortcuts a deep JSON path.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FieldPathAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}

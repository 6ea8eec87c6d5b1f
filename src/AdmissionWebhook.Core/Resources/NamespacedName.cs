namespace AdmissionWebhook.Resources;

/// <summary>The key of a namespaced object.</summary>
public readonly record struct NamespacedName(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>The members every object shares, read before the model that carries them is built.</summary>
internal struct ObjectHeader
{
    public string? ApiVersion;
    public string? Kind;
    public ObjectMeta? Metadata;

    public readonly T ApplyTo<T>(T target) where T : KubernetesObject
    {
        target.ApiVersion = ApiVersion;
        target.Kind = Kind;
        target.Metadata = Metadata;
        return target;
    }
}

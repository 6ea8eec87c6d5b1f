namespace AdmissionWebhook.Resources;

/// <summary>A typed partial model of a Kubernetes object the webhook reviews.</summary>
public interface IAdmissionResource
{
    ObjectMeta? Metadata { get; }
}

/// <summary>Binds a model to its API identity, so one generic pipeline serves every resource.</summary>
public interface IAdmissionResource<TSelf> : IAdmissionResource
    where TSelf : class, IAdmissionResource<TSelf>
{
    static abstract ResourceDescriptor<TSelf> Descriptor { get; }
}

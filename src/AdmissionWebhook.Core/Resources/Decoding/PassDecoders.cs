namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// The decoder of each reviewed resource by the kind a review names (<c>request.kind</c>), for the transport's single
/// pass, which decodes <c>object</c> and <c>oldObject</c> as it reads them. The reviewer takes such a model only when it
/// is of its own type; a kind it does not review is refused before any model is looked at.
/// </summary>
internal static class PassDecoders
{
    private static readonly PassDecoder VirtualMachines = static (ref reader, ref session) => VirtualMachineDecoder.Read(ref reader, ref session);
    private static readonly PassDecoder Nads = static (ref reader, ref _) => NadDecoder.Read(ref reader);
    private static readonly PassDecoder Subnets = static (ref reader, ref _) => SubnetDecoder.Read(ref reader);

    /// <summary>The decoder of the resource of this group, version and kind; null for any other.</summary>
    public static PassDecoder? For(string? group, string? version, string? kind) =>
        Is(VirtualMachine.Descriptor, group, version, kind) ? VirtualMachines
        : Is(NetworkAttachmentDefinition.Descriptor, group, version, kind) ? Nads
        : Is(Subnet.Descriptor, group, version, kind) ? Subnets
        : null;

    private static bool Is<T>(ResourceDescriptor<T> descriptor, string? group, string? version, string? kind) =>
        descriptor.Kind == kind && descriptor.Group == group && descriptor.Version == version;
}

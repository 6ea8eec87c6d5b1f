namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Reads a <see cref="NetworkAttachmentDefinition"/>: the header and <c>spec.config</c> (parsed later, on first use).</summary>
internal static class NadDecoder
{
    public static NetworkAttachmentDefinition Read(ref ModelReader reader)
    {
        // Read last, as System.Text.Json read the settable members of a model with init ones (see ModelReader.Defer),
        // except in the transport's single pass (see ObjectMetaDecoder.ReadOrDefer).
        var header = default(ObjectHeader);
        var deferred = default(DeferredMembers);
        NetworkAttachmentDefinitionSpec? spec = null;
        while (reader.NextMember())
        {
            if (ObjectMetaDecoder.IsHeader(ref reader, out var which))
            {
                ObjectMetaDecoder.ReadOrDefer(ref reader, which, ref header, ref deferred);
                continue;
            }
            if (reader.Is("spec"u8))
            {
                spec = ReadSpec(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        return ObjectMetaDecoder.Finish(ref reader, header, deferred).ApplyTo(new NetworkAttachmentDefinition { Spec = spec });
    }

    private static NetworkAttachmentDefinitionSpec? ReadSpec(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        string? config = null;
        while (reader.NextMember())
        {
            if (reader.Is("config"u8))
            {
                config = reader.String();
            }
            else
            {
                reader.Skip();
            }
        }
        return new NetworkAttachmentDefinitionSpec { Config = config };
    }
}

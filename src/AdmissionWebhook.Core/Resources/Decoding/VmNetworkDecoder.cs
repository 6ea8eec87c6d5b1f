namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Reads one <c>spec.template.spec.networks[]</c> entry.</summary>
internal static class VmNetworkDecoder
{
    /// <summary>
    /// Reads entry <paramref name="index"/>. Its name is usually its interface's (the interface at the same index), and its
    /// Multus network often the previous entry's: those strings are reused when the text is the same.
    /// </summary>
    public static VmNetwork? Read(ref ModelReader reader, int index, VmNetwork? previous, IReadOnlyList<VmInterface>? interfaces)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var network = new VmNetwork();
        while (reader.NextMember())
        {
            if (reader.Is("name"u8))
            {
                network.Name = reader.String(interfaces is not null && index < interfaces.Count ? interfaces[index]?.Name : null);
            }
            else if (reader.Is("pod"u8))
            {
                network.Pod = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("multus"u8))
            {
                network.Multus = ReadMultus(ref reader, previous?.Multus?.NetworkName);
            }
            else if (reader.Is("resourceClaim"u8))
            {
                network.ResourceClaim = PresenceDecoder.Read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        return network;
    }

    private static VmMultusNetwork? ReadMultus(ref ModelReader reader, string? likelyName)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var multus = new VmMultusNetwork();
        while (reader.NextMember())
        {
            if (reader.Is("networkName"u8))
            {
                multus.NetworkName = reader.String(likelyName);
            }
            else if (reader.Is("default"u8))
            {
                multus.Default = reader.Boolean();
            }
            else
            {
                reader.Skip();
            }
        }
        return multus;
    }
}

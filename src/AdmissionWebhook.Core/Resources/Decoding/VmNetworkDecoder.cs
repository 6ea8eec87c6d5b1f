namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Reads one <c>spec.template.spec.networks[]</c> entry.</summary>
internal static class VmNetworkDecoder
{
    public static VmNetwork? Read(ref ModelReader reader)
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
                network.Name = reader.String();
            }
            else if (reader.Is("pod"u8))
            {
                network.Pod = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("multus"u8))
            {
                network.Multus = ReadMultus(ref reader);
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

    private static VmMultusNetwork? ReadMultus(ref ModelReader reader)
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
                multus.NetworkName = reader.String();
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

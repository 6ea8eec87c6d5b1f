namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Reads one <c>domain.devices.interfaces[]</c> entry.</summary>
internal static class VmInterfaceDecoder
{
    public static VmInterface? Read(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var item = new VmInterface();
        while (reader.NextMember())
        {
            if (reader.Is("name"u8))
            {
                item.Name = reader.String();
            }
            else if (reader.Is("bridge"u8))
            {
                item.Bridge = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("masquerade"u8))
            {
                item.Masquerade = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("sriov"u8))
            {
                item.Sriov = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("passtBinding"u8))
            {
                item.PasstBinding = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("slirp"u8))
            {
                item.Slirp = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("macvtap"u8))
            {
                item.Macvtap = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("passt"u8))
            {
                item.Passt = PresenceDecoder.Read(ref reader);
            }
            else if (reader.Is("binding"u8))
            {
                item.Binding = ReadPlugin(ref reader);
            }
            else if (reader.Is("state"u8))
            {
                item.State = reader.String(ModelStrings.Known);
            }
            else if (reader.Is("model"u8))
            {
                item.Model = reader.String(ModelStrings.Known);
            }
            else if (reader.Is("macAddress"u8))
            {
                item.MacAddress = reader.String();
            }
            else if (reader.Is("pciAddress"u8))
            {
                item.PciAddress = reader.String();
            }
            else
            {
                reader.Skip();
            }
        }
        return item;
    }

    private static VmBindingPlugin? ReadPlugin(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var plugin = new VmBindingPlugin();
        while (reader.NextMember())
        {
            if (reader.Is("name"u8))
            {
                plugin.Name = reader.String();
            }
            else
            {
                reader.Skip();
            }
        }
        return plugin;
    }
}

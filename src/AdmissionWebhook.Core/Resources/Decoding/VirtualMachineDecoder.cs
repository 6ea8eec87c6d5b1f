namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Reads a <see cref="VirtualMachine"/>: run state, the template's interfaces and networks, and status. Everything
/// else (volumes, cloud-init, the domain's other devices) is skipped without being decoded.
/// </summary>
internal static class VirtualMachineDecoder
{
    public static VirtualMachine Read(ref ModelReader reader, ref ResourceDecodeSession session)
    {
        var header = default(ObjectHeader);
        var vm = new VirtualMachine();
        while (reader.NextMember())
        {
            if (ObjectMetaDecoder.TryReadHeader(ref reader, ref header))
            {
                continue;
            }
            if (reader.Is("spec"u8))
            {
                vm.Spec = ReadSpec(ref reader, ref session);
            }
            else if (reader.Is("status"u8))
            {
                vm.Status = ReadStatus(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        return header.ApplyTo(vm);
    }

    private static VirtualMachineSpec? ReadSpec(ref ModelReader reader, ref ResourceDecodeSession session)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var spec = new VirtualMachineSpec();
        while (reader.NextMember())
        {
            if (reader.Is("running"u8))
            {
                spec.Running = reader.Boolean();
            }
            else if (reader.Is("runStrategy"u8))
            {
                spec.RunStrategy = reader.String(ModelStrings.Known);
            }
            else if (reader.Is("template"u8))
            {
                spec.Template = ReadTemplate(ref reader, ref session);
            }
            else
            {
                reader.Skip();
            }
        }
        return spec;
    }

    private static VmTemplate? ReadTemplate(ref ModelReader reader, ref ResourceDecodeSession session)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var template = new VmTemplate();
        while (reader.NextMember())
        {
            if (reader.Is("metadata"u8))
            {
                template.Metadata = ObjectMetaDecoder.Read(ref reader);
            }
            else if (reader.Is("spec"u8))
            {
                template.Spec = ReadVmiSpec(ref reader, ref session);
            }
            else
            {
                reader.Skip();
            }
        }
        return template;
    }

    private static VmiSpec? ReadVmiSpec(ref ModelReader reader, ref ResourceDecodeSession session)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var spec = new VmiSpec();
        while (reader.NextMember())
        {
            if (reader.Is("domain"u8))
            {
                spec.Domain = ReadDomain(ref reader, ref session);
            }
            else if (reader.Is("networks"u8))
            {
                // Interfaces usually come first (Go writes domain before networks) and name their networks.
                spec.Networks = ReadNetworks(ref reader, ref session, spec.Domain?.Devices?.Interfaces);
            }
            else
            {
                reader.Skip();
            }
        }
        return spec;
    }

    private static VmDomain? ReadDomain(ref ModelReader reader, ref ResourceDecodeSession session)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var domain = new VmDomain();
        while (reader.NextMember())
        {
            if (reader.Is("devices"u8))
            {
                domain.Devices = ReadDevices(ref reader, ref session);
            }
            else
            {
                reader.Skip();
            }
        }
        return domain;
    }

    private static VmDevices? ReadDevices(ref ModelReader reader, ref ResourceDecodeSession session)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var devices = new VmDevices();
        while (reader.NextMember())
        {
            if (reader.Is("interfaces"u8))
            {
                devices.Interfaces = ReadInterfaces(ref reader, ref session);
            }
            else
            {
                reader.Skip();
            }
        }
        return devices;
    }

    private static VmInterface[]? ReadInterfaces(ref ModelReader reader, ref ResourceDecodeSession session) =>
        ReadEntries(ref reader, ref session.Interfaces, session.HasFirst, session.FirstSpan, null, static (ref reader, _, _, _) => VmInterfaceDecoder.Read(ref reader));

    private static VmNetwork[]? ReadNetworks(ref ModelReader reader, ref ResourceDecodeSession session, IReadOnlyList<VmInterface>? interfaces) =>
        ReadEntries(ref reader, ref session.Networks, session.HasFirst, session.FirstSpan, interfaces, VmNetworkDecoder.Read);

    /// <summary>Reads entry <c>index</c>, given the entry before it and the VM's interfaces when read already (for shared strings).</summary>
    private delegate T? ReadEntry<T>(ref ModelReader reader, int index, T? previous, IReadOnlyList<VmInterface>? interfaces);

    /// <summary>
    /// A list of entries. The first object decoded in a session records each entry's text; the second reuses the first's
    /// entry at the same index when its text is the same (<see cref="EntryRecord{T}"/>), and decodes it otherwise.
    /// A JSON null item stays null, as before; the VM's name index stands an empty entry in for it.
    /// </summary>
    private static T[]? ReadEntries<T>(
        ref ModelReader reader, ref EntryRecord<T> record, bool sharing, ReadOnlySpan<byte> firstText, IReadOnlyList<VmInterface>? interfaces, ReadEntry<T> read)
        where T : class
    {
        if (!reader.IsArray(Expected.ListOfObjects))
        {
            return null;
        }
        var recording = !sharing;
        if (recording)
        {
            record.Clear();
        }
        var items = new ItemBuffer<T>();
        T? previous = null;
        var index = 0;
        while (reader.NextItem(ref index))
        {
            if (!recording && reader.TokenType == System.Text.Json.JsonTokenType.StartObject
                && record.TryMatch(firstText, reader.Rest, index - 1, out var shared))
            {
                reader.SkipChecked();
                items.Add(shared!);
                previous = shared;
                continue;
            }
            var start = reader.Position;
            var item = read(ref reader, index - 1, previous, interfaces);
            previous = item;
            if (recording)
            {
                record.Add(start, item is null ? start : reader.Position + 1, item);
            }
            items.Add(item!);
        }
        return items.ToArray();
    }

    private static VirtualMachineStatus? ReadStatus(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var status = new VirtualMachineStatus();
        while (reader.NextMember())
        {
            if (reader.Is("created"u8))
            {
                status.Created = reader.Boolean();
            }
            else if (reader.Is("ready"u8))
            {
                status.Ready = reader.Boolean();
            }
            else if (reader.Is("printableStatus"u8))
            {
                status.PrintableStatus = reader.String(ModelStrings.Known);
            }
            else
            {
                reader.Skip();
            }
        }
        return status;
    }
}

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Reads a <see cref="Subnet"/> (the members the rules read; others are skipped).</summary>
internal static class SubnetDecoder
{
    public static Subnet Read(ref ModelReader reader)
    {
        // Read last, as System.Text.Json read the settable members of a model with init ones (see ModelReader.Defer),
        // except in the transport's single pass (see ObjectMetaDecoder.ReadOrDefer).
        var header = default(ObjectHeader);
        var deferred = default(DeferredMembers);
        SubnetSpec? spec = null;
        SubnetStatus? status = null;
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
            else if (reader.Is("status"u8))
            {
                status = ReadStatus(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        return ObjectMetaDecoder.Finish(ref reader, header, deferred).ApplyTo(new Subnet { Spec = spec, Status = status });
    }

    private static SubnetSpec? ReadSpec(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        string? provider = null, cidrBlock = null, gateway = null, protocol = null, vpc = null, vlan = null;
        IReadOnlyList<string?>? excludeIps = null;
        System.Text.Json.JsonElement? misnamedCidr = null;
        while (reader.NextMember())
        {
            if (reader.Is("provider"u8))
            {
                provider = reader.String();
            }
            else if (reader.Is("cidrBlock"u8))
            {
                cidrBlock = reader.String();
            }
            else if (reader.Is("gateway"u8))
            {
                gateway = reader.String();
            }
            else if (reader.Is("excludeIps"u8))
            {
                excludeIps = reader.Strings();
            }
            else if (reader.Is("protocol"u8))
            {
                protocol = reader.String(ModelStrings.Known);
            }
            else if (reader.Is("vpc"u8))
            {
                vpc = reader.String();
            }
            else if (reader.Is("vlan"u8))
            {
                vlan = reader.String();
            }
            else if (reader.Is("cidr"u8))
            {
                misnamedCidr = reader.Element();
            }
            else
            {
                reader.Skip();
            }
        }
        return new SubnetSpec
        {
            Provider = provider,
            CidrBlock = cidrBlock,
            Gateway = gateway,
            ExcludeIps = excludeIps,
            Protocol = protocol,
            Vpc = vpc,
            Vlan = vlan,
            MisnamedCidr = misnamedCidr,
        };
    }

    private static SubnetStatus? ReadStatus(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        double? v4 = null, v6 = null;
        while (reader.NextMember())
        {
            if (reader.Is("v4usingIPs"u8))
            {
                v4 = reader.Number();
            }
            else if (reader.Is("v6usingIPs"u8))
            {
                v6 = reader.Number();
            }
            else
            {
                reader.Skip();
            }
        }
        return new SubnetStatus { V4UsingIps = v4, V6UsingIps = v6 };
    }
}

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Reads <c>metadata</c> (the members <see cref="ObjectMeta"/> models) and the type meta every object shares.</summary>
internal static class ObjectMetaDecoder
{
    /// <summary>Reads <c>apiVersion</c>, <c>kind</c> or <c>metadata</c> into <paramref name="header"/>; false for any other member.</summary>
    public static bool TryReadHeader(ref ModelReader reader, ref ObjectHeader header)
    {
        if (!IsHeader(ref reader, out var which))
        {
            return false;
        }
        ReadHeader(ref reader, which, ref header);
        return true;
    }

    /// <summary>True when the member just entered is <c>apiVersion</c>, <c>kind</c> or <c>metadata</c>.</summary>
    public static bool IsHeader(ref ModelReader reader, out HeaderMember which)
    {
        which = reader.Is("apiVersion"u8) ? HeaderMember.ApiVersion
            : reader.Is("kind"u8) ? HeaderMember.Kind
            : reader.Is("metadata"u8) ? HeaderMember.Metadata
            : (HeaderMember)byte.MaxValue;
        return which != (HeaderMember)byte.MaxValue;
    }

    /// <summary>
    /// Reads the header members passed over with <see cref="ModelReader.Defer"/>, in the order they came (a repeated
    /// one's last value counts).
    /// </summary>
    public static ObjectHeader ReadDeferred(ref ModelReader reader, in DeferredMembers members)
    {
        var header = default(ObjectHeader);
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var value = reader.ReadDeferred(member);
            ReadHeader(ref value, member.Member, ref header);
        }
        return header;
    }

    /// <summary>
    /// A header member of a model whose header System.Text.Json read last (NAD, Subnet): passed over to be read by
    /// <see cref="Finish"/>, or read now in the transport's single pass, where any failure gives the pass up (so which
    /// error would come first does not matter there) and a repeated member is refused.
    /// </summary>
    public static void ReadOrDefer(ref ModelReader reader, HeaderMember which, ref ObjectHeader header, ref DeferredMembers deferred)
    {
        if (reader.InPass)
        {
            ReadHeader(ref reader, which, ref header);
        }
        else
        {
            deferred.Add(reader.Defer(which));
        }
    }

    /// <summary>The header read by <see cref="ReadOrDefer"/>: as read in the pass, or the deferred members read now.</summary>
    public static ObjectHeader Finish(ref ModelReader reader, in ObjectHeader header, in DeferredMembers deferred) =>
        reader.InPass ? header : ReadDeferred(ref reader, deferred);

    private static void ReadHeader(ref ModelReader reader, HeaderMember which, ref ObjectHeader header)
    {
        switch (which)
        {
            case HeaderMember.ApiVersion:
                header.ApiVersion = reader.String(ModelStrings.Known);
                break;
            case HeaderMember.Kind:
                header.Kind = reader.String(ModelStrings.Known);
                break;
            default:
                header.Metadata = Read(ref reader);
                break;
        }
    }

    public static ObjectMeta? Read(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        var meta = new ObjectMeta();
        while (reader.NextMember())
        {
            if (reader.Is("name"u8))
            {
                meta.Name = reader.String(reader.LikelyName);
            }
            else if (reader.Is("namespace"u8))
            {
                meta.Namespace = reader.String(ModelStrings.Known);
            }
            else if (reader.Is("uid"u8))
            {
                meta.Uid = reader.String(reader.LikelyUid);
            }
            else if (reader.Is("resourceVersion"u8))
            {
                meta.ResourceVersion = reader.String();
            }
            else if (reader.Is("deletionTimestamp"u8))
            {
                meta.DeletionTimestamp = reader.String();
            }
            else if (reader.Is("labels"u8))
            {
                meta.Labels = reader.StringMap();
            }
            else if (reader.Is("annotations"u8))
            {
                meta.Annotations = reader.StringMap();
            }
            else
            {
                reader.Skip();
            }
        }
        return meta;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AdmissionWebhook.Admission;

/// <summary>The envelope's records in the single pass: the kinds and resources, and who asks (see the main file).</summary>
internal ref partial struct SinglePassReviewReader
{
    private bool Kind(out GroupVersionKind? kind)
    {
        kind = null;
        if (!GroupVersionNamed("kind"u8, out var present, out var group, out var version, out var name))
        {
            return false;
        }
        kind = present ? AdmissionReviewReader.KindOf(group, version, name) : null;
        return true;
    }

    private bool Resource(out GroupVersionResource? resource)
    {
        resource = null;
        if (!GroupVersionNamed("resource"u8, out var present, out var group, out var version, out var name))
        {
            return false;
        }
        resource = present ? AdmissionReviewReader.ResourceOf(group, version, name) : null;
        return true;
    }

    /// <summary>An object of <c>group</c>, <c>version</c> and <paramref name="nameMember"/> (a kind or a resource), or null.</summary>
    private bool GroupVersionNamed(ReadOnlySpan<byte> nameMember, out bool present, out string? group, out string? version, out string? name)
    {
        group = version = name = null;
        if (!IsObject(out present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        while (NextMember(out var member))
        {
            var ok = member.SequenceEqual("group"u8) ? String(out group)
                : member.SequenceEqual("version"u8) ? String(out version)
                : member.SequenceEqual(nameMember) ? String(out name)
                : Skip();
            if (!ok)
            {
                return false;
            }
        }
        return !_gaveUp;
    }

    private bool User(out UserInfo? user)
    {
        user = null;
        if (!IsObject(out var present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        string? username = null, uid = null;
        string[]? groups = null;
        Dictionary<string, IReadOnlyList<string>>? extra = null;
        while (NextMember(out var member))
        {
            var ok = member.SequenceEqual("username"u8) ? String(out username)
                : member.SequenceEqual("uid"u8) ? String(out uid)
                : member.SequenceEqual("groups"u8) ? Strings(out groups, nullable: true)
                : member.SequenceEqual("extra"u8) ? Extra(out extra)
                : Skip();
            if (!ok)
            {
                return false;
            }
        }
        user = new UserInfo { Username = username, Uid = uid, Groups = groups, Extra = extra };
        return !_gaveUp;
    }

    private bool Extra(out Dictionary<string, IReadOnlyList<string>>? extra)
    {
        extra = null;
        if (!IsObject(out var present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (NextMember(out var key))
        {
            // A key here is never escaped (NextMember took only plain names), so its bytes are its text.
            if (!Utf8.IsValid(key))
            {
                return false;
            }
            var text = Encoding.UTF8.GetString(key);
            if (!Strings(out var values, nullable: false))
            {
                return false;
            }
            extra[text] = values!;
        }
        return !_gaveUp;
    }
}

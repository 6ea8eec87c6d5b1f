namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Reads a member whose presence is what matters (<c>bridge: {}</c>): an object, whatever it holds, is present; null is
/// absent. Every present one is the same value (the record has no members), so one shared instance stands for all.
/// </summary>
internal static class PresenceDecoder
{
    private static readonly JsonObjectValue Present = new();

    public static JsonObjectValue? Read(ref ModelReader reader)
    {
        if (!reader.IsObject())
        {
            return null;
        }
        // Member by member, so that one nested beyond the limit is named as before.
        while (reader.NextMember())
        {
            reader.Skip();
        }
        return Present;
    }
}

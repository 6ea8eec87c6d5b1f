namespace AdmissionWebhook.Resources;

/// <summary>RFC 1123 labels, as Kubernetes validates namespace names.</summary>
public static class DnsLabel
{
    public const int MaxLength = 63;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var alphanumeric = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (!alphanumeric && (c != '-' || i == 0 || i == value.Length - 1))
            {
                return false;
            }
        }
        return true;
    }
}

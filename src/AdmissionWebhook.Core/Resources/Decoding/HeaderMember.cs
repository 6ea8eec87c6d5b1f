namespace AdmissionWebhook.Resources.Decoding;

/// <summary>The members every object shares.</summary>
internal enum HeaderMember : byte
{
    ApiVersion,
    Kind,
    Metadata,
}

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>A top-level member passed over for now: which it is, and where its name and its value start in the object's text.</summary>
internal readonly record struct DeferredMember(HeaderMember Member, int NameOffset, int ValueOffset);

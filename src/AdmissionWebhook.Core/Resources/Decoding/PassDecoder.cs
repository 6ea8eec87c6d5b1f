namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Decodes the object a single-pass <see cref="ModelReader"/> is on into its model (see <see cref="PassDecoders"/>).</summary>
internal delegate object PassDecoder(ref ModelReader reader, ref ResourceDecodeSession session);

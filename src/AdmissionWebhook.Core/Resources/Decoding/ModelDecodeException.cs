namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Thrown by the hand-written decoders when a field does not hold what the model needs; caught by
/// <see cref="ResourceDecoding"/>, never seen outside it. Only a client's malformed object takes this path.
/// </summary>
internal sealed class ModelDecodeException(DecodeFailure failure) : Exception(failure.ToString())
{
    public DecodeFailure Failure { get; } = failure;
}

using System.Runtime.InteropServices;
using System.Text.Json;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Decodes one object's JSON text into its model; throws only <see cref="ModelDecodeException"/> (internal).</summary>
public delegate T ResourceDecoder<out T>(ReadOnlySpan<byte> json);

/// <summary>
/// The typed decode of a reviewed object: one forward pass of a <see cref="Utf8JsonReader"/> over the object's text in
/// the request's parsed document, straight into the model. Go's API server encodes the objects, so what matters is
/// that the models read what they always read; the tests hold the decode equal to the source-generated one it replaced.
/// </summary>
public static class ResourceDecoding
{
    public static VirtualMachine DecodeVirtualMachine(ReadOnlySpan<byte> json) => Decode(json, VirtualMachineDecoder.Read);

    public static NetworkAttachmentDefinition DecodeNetworkAttachmentDefinition(ReadOnlySpan<byte> json) => Decode(json, NadDecoder.Read);

    public static Subnet DecodeSubnet(ReadOnlySpan<byte> json) => Decode(json, SubnetDecoder.Read);

    /// <summary>Decodes an object element; false with the failure (field path and expectation) when it does not fit the model.</summary>
    public static bool TryDecode<T>(JsonElement element, ResourceDescriptor<T> descriptor, out T? value, out DecodeFailure? failure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        value = null;
        failure = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        try
        {
            value = descriptor.Decoder(JsonMarshal.GetRawUtf8Value(element));
            return true;
        }
        catch (ModelDecodeException e)
        {
            failure = e.Failure;
            return false;
        }
    }

    private delegate T Read<out T>(ref ModelReader reader);

    private static T Decode<T>(ReadOnlySpan<byte> json, Read<T> read)
    {
        var reader = new ModelReader(json);
        if (!reader.IsObject())
        {
            throw reader.Fail(Expected.Object);
        }
        var value = read(ref reader);
        reader.End();
        return value;
    }
}

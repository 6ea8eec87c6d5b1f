using System.Runtime.InteropServices;
using System.Text.Json;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>Decodes one object's JSON text into its model; throws only <see cref="ModelDecodeException"/> (internal).</summary>
public delegate T ResourceDecoder<out T>(ReadOnlySpan<byte> json, ref ResourceDecodeSession session);

/// <summary>
/// The typed decode of a reviewed object: one forward pass of a <see cref="Utf8JsonReader"/> over the object's text in
/// the request's parsed document, straight into the model. Go's API server encodes the objects, so what matters is
/// that the models read what they always read; the tests hold the decode equal to the source-generated one it replaced.
/// </summary>
public static class ResourceDecoding
{
    public static VirtualMachine DecodeVirtualMachine(ReadOnlySpan<byte> json, ref ResourceDecodeSession session)
    {
        var reader = Open(json);
        var value = VirtualMachineDecoder.Read(ref reader, ref session);
        reader.End();
        return value;
    }

    public static NetworkAttachmentDefinition DecodeNetworkAttachmentDefinition(ReadOnlySpan<byte> json, ref ResourceDecodeSession session)
    {
        var reader = Open(json);
        var value = NadDecoder.Read(ref reader);
        reader.End();
        return value;
    }

    public static Subnet DecodeSubnet(ReadOnlySpan<byte> json, ref ResourceDecodeSession session)
    {
        var reader = Open(json);
        var value = SubnetDecoder.Read(ref reader);
        reader.End();
        return value;
    }

    /// <summary>Decodes an object element; false with the failure (field path and expectation) when it does not fit the model.</summary>
    public static bool TryDecode<T>(JsonElement element, ResourceDescriptor<T> descriptor, out T? value, out DecodeFailure? failure)
        where T : class
    {
        var session = default(ResourceDecodeSession);
        try
        {
            return TryDecode(element, descriptor, ref session, out value, out failure);
        }
        finally
        {
            session.Dispose();
        }
    }

    /// <summary>
    /// Decodes the first (then the second) object of a review in one session: the second reuses the first's VM entries
    /// written identically. False with the failure (field path and expectation) when the object does not fit the model.
    /// </summary>
    public static bool TryDecode<T>(JsonElement element, ResourceDescriptor<T> descriptor, ref ResourceDecodeSession session, out T? value, out DecodeFailure? failure)
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
            value = descriptor.Decoder(JsonMarshal.GetRawUtf8Value(element), ref session);
        }
        catch (ModelDecodeException e)
        {
            failure = e.Failure;
            return false;
        }
        // Only a first object that decoded whole is shared from.
        if (!session.HasFirst)
        {
            session.First = element;
        }
        return true;
    }

    /// <summary>
    /// Decodes an object's text in a request body (the transport's reading, no element made), in the review's session.
    /// False with the failure (field path and expectation) when it does not fit the model.
    /// </summary>
    public static bool TryDecode<T>(ReadOnlyMemory<byte> text, ResourceDescriptor<T> descriptor, ref ResourceDecodeSession session, out T? value, out DecodeFailure? failure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        value = null;
        failure = null;
        try
        {
            value = descriptor.Decoder(text.Span, ref session);
        }
        catch (ModelDecodeException e)
        {
            failure = e.Failure;
            return false;
        }
        if (!session.HasFirst)
        {
            session.FirstText = text;
        }
        return true;
    }

    /// <summary>True when a value's JSON text (checked already) is an object, as its first token says.</summary>
    public static bool IsObjectText(ReadOnlySpan<byte> text) => !text.IsEmpty && text[0] == (byte)'{';

    private static ModelReader Open(ReadOnlySpan<byte> json)
    {
        var reader = new ModelReader(json);
        if (!reader.IsObject())
        {
            throw reader.Fail(Expected.Object);
        }
        return reader;
    }
}

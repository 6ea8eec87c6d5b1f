using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;
using CsCheck;

namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>
/// The hand-written decoders against the source-generated System.Text.Json decode they replaced in the review: on
/// generated objects (right types, nulls, type confusion, repeated and unknown members, escapes, depth), both give the
/// same model or the same decode error.
/// </summary>
public sealed class ResourceDecodingEquivalenceTests
{
    // The transport's parse: duplicates and lone surrogates are refused there, depth allowed to 256; here the object is
    // parsed as the offline commands and tests hand it over (duplicates kept), to cover what the decoders see anywhere.
    private static readonly JsonDocumentOptions Parse = new() { MaxDepth = 256 };

    // Infinity (a float64 beyond range read by either decoder) has to be written somehow to compare.
    private static readonly JsonSerializerOptions Compare = new(ResourceJsonContext.Default.Options)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [Fact]
    public void Virtual_machines_decode_as_before() => Agree(VirtualMachine.Descriptor, ModelShape.VirtualMachine, 4_000);

    [Fact]
    public void Network_attachment_definitions_decode_as_before() => Agree(NetworkAttachmentDefinition.Descriptor, ModelShape.NetworkAttachmentDefinition, 2_000);

    [Fact]
    public void Subnets_decode_as_before() => Agree(Subnet.Descriptor, ModelShape.Subnet, 2_000);

    [Theory]
    [InlineData("{\"spec\":{\"template\":{\"spec\":{\"networks\":[{\"name\":\"a\"},{\"multus\":{\"default\":\"yes\"}}]}}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"a.b\":1}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"1\":[]}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"\":{}}}}")]
    [InlineData("{\"metadata\":{\"annotations\":{\"k'q\":true}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"\\ud800\":2}}}")]
    [InlineData("{\"metadata\":{\"name\":\"\\ud800\"}}")]
    [InlineData("{\"n\\u0061me\":1,\"metadata\":{\"n\\u0061me\":\"x\"}}")]
    [InlineData("{\"\\ud800\":1,\"spec\":{\"runStrategy\":\"Always\"}}")]
    [InlineData("{\"spec\":{\"template\":{\"spec\":{\"domain\":{\"devices\":{\"interfaces\":[null,{\"bridge\":{\"x\":[1]}},{\"binding\":{\"name\":5}}]}}}}}}")]
    [InlineData("{\"spec\":{\"running\":true,\"running\":null},\"status\":{\"created\":1}}")]
    [InlineData("{\"spec\":{\"running\":true,\"\\ud800\":1}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":\"b\",\"\\ud800\":\"c\"}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"\":\"b\",\"\\ud800\":\"c\"}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":\"b\",\"c\":\"\\ud800\"}}}")]
    // A value compared with the one before it (the same NAD, a network named like its interface) that escapes a lone
    // surrogate: refused as the field's type, not thrown from the comparison.
    [InlineData("{\"spec\":{\"template\":{\"spec\":{\"networks\":[{\"name\":\"a\",\"multus\":{\"networkName\":\"n\"}},{\"name\":\"b\",\"multus\":{\"networkName\":\"\\ud800\"}}]}}}}")]
    public void Edge_cases_decode_as_before(string json) => Assert.True(Same(json, VirtualMachine.Descriptor), Explain(json, VirtualMachine.Descriptor));

    [Theory]
    [InlineData("{\"status\":{\"v4usingIPs\":1e400}}")]
    [InlineData("{\"status\":{\"v4usingIPs\":\"1\"}}")]
    [InlineData("{\"spec\":{\"excludeIps\":[null,\"10.0.0.1\",3]}}")]
    [InlineData("{\"spec\":{\"cidr\":null}}")]
    [InlineData("{\"spec\":{\"cidr\":{\"a\":[1,2]}}}")]
    // System.Text.Json read apiVersion, kind and metadata of these models last (they have init members): their errors
    // come after those of spec and status, whatever the order in the text.
    [InlineData("{\"kind\":1,\"spec\":{\"vpc\":\"\\ud800\"}}")]
    [InlineData("{\"metadata\":{\"name\":[]},\"status\":{\"v6usingIPs\":true}}")]
    [InlineData("{\"kind\":1,\"metadata\":5,\"kind\":\"Subnet\"}")]
    [InlineData("{\"kind\":\"a\",\"kind\":\"b\",\"kind\":\"c\",\"kind\":\"d\",\"kind\":\"e\",\"kind\":6,\"spec\":null}")]
    public void Subnet_edge_cases_decode_as_before(string json) => Assert.True(Same(json, Subnet.Descriptor), Explain(json, Subnet.Descriptor));

    private static void Agree<T>(ResourceDescriptor<T> descriptor, ModelShape shape, int iterations) where T : class =>
        ModelJsonGenerator.Root(shape).Sample(json => Same(json, descriptor), iter: iterations, print: json => Explain(json, descriptor));

    /// <summary>
    /// The same model, or the same decode error. Past the nesting limit of 64 both refuse the object, but System.Text.Json
    /// named the member or the object holding it depending on its own state (an escaped name read earlier, say); the new
    /// reader names them by one rule, so there only the refusal is compared.
    /// </summary>
    private static bool Same<T>(string json, ResourceDescriptor<T> descriptor) where T : class
    {
        var (old, depthExceeded) = Old(json, descriptor);
        var actual = New(json, descriptor);
        return depthExceeded ? actual.StartsWith("400: ", StringComparison.Ordinal) : old == actual;
    }

    private static string Explain<T>(string json, ResourceDescriptor<T> descriptor) where T : class =>
        $"{json}\n old: {Old(json, descriptor).Text}\n new: {New(json, descriptor)}";

    private static (string Text, bool DepthExceeded) Old<T>(string json, ResourceDescriptor<T> descriptor) where T : class
    {
        using var document = JsonDocument.Parse(json, Parse);
        try
        {
            return (Describe(document.RootElement.Deserialize(TypeInfo(descriptor))), false);
        }
        catch (JsonException e)
        {
            return ("400: " + SourceGeneratedDecodeFailure.From(e, TypeInfo(descriptor)), e.Message.Contains("maximum configured depth", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            return ("500: " + e.GetType().Name, false);
        }
    }

    /// <summary>The oracle's decode of the descriptor's model.</summary>
    private static JsonTypeInfo<T> TypeInfo<T>(ResourceDescriptor<T> descriptor) where T : class =>
        (JsonTypeInfo<T>)ResourceJsonContext.Default.GetTypeInfo(typeof(T))!;

    private static string New<T>(string json, ResourceDescriptor<T> descriptor) where T : class
    {
        using var document = JsonDocument.Parse(json, Parse);
        return ResourceDecoding.TryDecode(document.RootElement, descriptor, out var value, out var failure)
            ? Describe(value)
            : "400: " + failure;
    }

    internal static string Describe<T>(T? model) => model switch
    {
        null => "null",
        // A kept element is compared as its text (a lone surrogate in it could not be written).
        Subnet { Spec.MisnamedCidr: { } cidr } subnet =>
            JsonSerializer.Serialize(subnet with { Spec = subnet.Spec with { MisnamedCidr = null } }, Compare) + " cidr: " + cidr.GetRawText(),
        _ => JsonSerializer.Serialize<T>(model, Compare),
    };

    [Theory]
    [InlineData("{\"metadata\":{\"annotations\":{\"a\":\"\\ud800\"}},\"spec\":[]}")]
    [InlineData("{\"apiVersion\":{},\"spec\":{\"config\":1}}")]
    [InlineData("{\"apiVersion\":{},\"spec\":{\"config\":\"{}\"}}")]
    public void Nad_edge_cases_decode_as_before(string json) =>
        Assert.True(Same(json, NetworkAttachmentDefinition.Descriptor), Explain(json, NetworkAttachmentDefinition.Descriptor));

    /// <summary>Unknown members and a kept element nested around the limit of 64, at the top and inside a member.</summary>
    [Fact]
    public void Deep_values_are_refused_or_kept_as_before()
    {
        for (var depth = 58; depth <= 66; depth++)
        {
            var arrays = new string('[', depth) + new string(']', depth);
            var objects = string.Concat(Enumerable.Repeat("{\"d\":", depth)) + "1" + new string('}', depth);
            foreach (var deep in new[] { arrays, objects })
            {
                foreach (var json in new[] { $"{{\"extra\":{deep}}}", $"{{\"metadata\":{{\"x\":{deep}}}}}", $"{{\"spec\":{{\"template\":{{\"x\":{deep}}}}}}}" })
                {
                    Assert.True(Same(json, VirtualMachine.Descriptor), Explain(json, VirtualMachine.Descriptor));
                }
                var subnet = $"{{\"spec\":{{\"cidr\":{deep}}}}}";
                Assert.True(Same(subnet, Subnet.Descriptor), Explain(subnet, Subnet.Descriptor));
            }
        }
    }
}

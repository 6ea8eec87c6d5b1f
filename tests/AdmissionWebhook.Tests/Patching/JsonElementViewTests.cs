using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// What <see cref="JsonElementView.Over"/> makes of each kind of element: containers as lazy trees, JSON null as null,
/// scalars as their own tokens, and an undefined element (a default <see cref="JsonElement"/>, which no parse yields)
/// refused as the caller's error rather than wrapped.
/// </summary>
public sealed class JsonElementViewTests
{
    [Fact]
    public void Each_kind_of_element_becomes_its_node_and_a_scalar_keeps_its_token()
    {
        using var document = JsonDocument.Parse("""{"o":{"a":1},"l":[true],"n":null,"f":1.0,"s":"\u0041"}""");
        var root = document.RootElement;

        Assert.IsType<JsonObject>(JsonElementView.Over(root.GetProperty("o")));
        Assert.IsType<JsonArray>(JsonElementView.Over(root.GetProperty("l")));
        Assert.Null(JsonElementView.Over(root.GetProperty("n")));
        Assert.Equal("1.0", JsonText.ToJson(JsonElementView.Over(root.GetProperty("f"))));
        Assert.Equal("\"\\u0041\"", JsonText.ToJson(JsonElementView.Over(root.GetProperty("s"))));
    }

    [Fact]
    public void An_undefined_element_is_an_argument_error_that_says_so()
    {
        var error = Assert.Throws<ArgumentException>(() => JsonElementView.Over(default));

        Assert.Equal("element", error.ParamName);
        Assert.Equal("an undefined JSON element has no tree (Parameter 'element')", error.Message);
    }
}

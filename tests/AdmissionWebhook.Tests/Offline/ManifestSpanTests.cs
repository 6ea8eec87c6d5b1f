using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>The reader records where each node's text is, so --fix can replace exactly that text.</summary>
public sealed class ManifestSpanTests
{
    private static string TextOf(ManifestDocument document, string pointer)
    {
        var span = document.Spans[pointer];
        return document.Text![span.Start..span.End];
    }

    [Fact]
    public void Scalars_mappings_and_sequences_cover_their_text_in_every_style()
    {
        const string yaml = "kind: Subnet\nspec:\n  provider: 'a.b'\n  excludeIps: [\"10.0.0.1\", 10.0.0.2]\n  vlan: {id: 1}\n  gateway: \"10.0.0.1\"\n";

        var document = Assert.Single(ManifestReader.ReadText(yaml, "test"));

        Assert.Equal("'a.b'", TextOf(document, "/spec/provider"));
        Assert.Equal("[\"10.0.0.1\", 10.0.0.2]", TextOf(document, "/spec/excludeIps"));
        Assert.Equal("10.0.0.2", TextOf(document, "/spec/excludeIps/1"));
        Assert.Equal("{id: 1}", TextOf(document, "/spec/vlan"));
        Assert.Equal("\"10.0.0.1\"", TextOf(document, "/spec/gateway"));
        Assert.Equal(yaml.TrimEnd('\n'), TextOf(document, string.Empty));
        Assert.Equal(ManifestNodeStyle.BlockMapping, document.Spans["/spec"].Style);
        Assert.Equal(yaml.IndexOf("provider", StringComparison.Ordinal), document.Spans["/spec"].FirstKeyStart);
        Assert.Equal(3, document.Spans["/spec"].FirstKeyColumn);
    }

    [Fact]
    public void List_items_keep_their_spans_relative_to_the_item()
    {
        const string json = """{"kind": "List", "items": [{"kind": "Subnet", "spec": {"provider": "x.y"}}, {"kind": "Subnet", "spec": {"provider": "p.q"}}]}""";

        var documents = ManifestReader.ReadText(json, "test", json: true);

        Assert.Equal(2, documents.Count);
        Assert.Equal("\"p.q\"", TextOf(documents[1], "/spec/provider"));
        Assert.Equal("""{"kind": "Subnet", "spec": {"provider": "p.q"}}""", TextOf(documents[1], string.Empty));
        Assert.Equal(1, documents[1].LineOf("/spec/provider"));
    }
}

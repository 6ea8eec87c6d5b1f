using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Reads_multi_document_YAML_with_core_schema_scalars_and_lines()
    {
        var documents = ManifestReader.ReadText("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              quoted: "true"
              plain: true
              number: 42
              version: 0.3.1
              empty: ~
            ---
            ---
            apiVersion: kubeovn.io/v1
            kind: Subnet
            metadata: {name: b}
            """, "x.yaml");

        Assert.Equal(2, documents.Count);
        var data = documents[0].Object["data"]!;
        Assert.Equal("true", data["quoted"]!.GetValue<string>());
        Assert.True(data["plain"]!.GetValue<bool>());
        Assert.Equal(42, data["number"]!.GetValue<long>());
        Assert.Equal("0.3.1", data["version"]!.GetValue<string>());
        Assert.Null(data["empty"]);
        Assert.Equal(1, documents[0].Line);
        Assert.Equal(8, documents[0].LineOf("/data/number"));
        Assert.Equal(13, documents[1].Line);
        Assert.Equal("Subnet", documents[1].Kind);
    }

    [Fact]
    public void Expands_kind_List_into_its_items_with_their_own_lines()
    {
        var documents = ManifestReader.ReadText("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: kubeovn.io/v1
              kind: Subnet
              metadata:
                name: one
            - apiVersion: kubeovn.io/v1
              kind: Subnet
              metadata:
                name: two
            """, "list.yaml");

        Assert.Equal(["one", "two"], documents.Select(d => d.Object["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(11, documents[1].LineOf("/metadata/name"));
    }

    [Fact]
    public void Reads_JSON_files()
    {
        var documents = ManifestReader.ReadText("""{"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"j"}}""", "x.json", json: true);
        Assert.Equal("j", Assert.Single(documents).Object["metadata"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a: [1, 2", "bad.yaml:")]
    [InlineData("- just\n- a list\n", "bad.yaml:1: a manifest document must be a mapping")]
    [InlineData("a: 1\na: 2\n", "bad.yaml:2:1: not valid YAML: Duplicate key a")]
    public void Malformed_manifests_fail_naming_the_file_and_line(string text, string expectedStart)
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.ReadText(text, "bad.yaml"));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }
}

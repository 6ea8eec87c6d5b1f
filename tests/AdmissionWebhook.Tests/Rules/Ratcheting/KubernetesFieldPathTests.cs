using System.Text.Json;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Tests.Rules.Ratcheting;

/// <summary>How ratcheting decides that an edit left a failure's field unchanged.</summary>
public sealed class KubernetesFieldPathTests
{
    private const string Old = """{"spec":{"config":"{\"a\":1}","items":[{"mac":"x"},{"mac":"y"}],"n":1}}""";

    [Theory]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[{"mac":"x"},{"mac":"y"}],"n":1}}""", "spec.items[1].mac", true)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[{"mac":"x"},{"mac":"z"}],"n":1}}""", "spec.items[1].mac", false)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[{"mac":"q"},{"mac":"y"}],"n":1}}""", "spec.items[1].mac", true)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[{"mac":"x"}],"n":1}}""", "spec.items[1].mac", false)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[],"n":1}}""", "spec.items[5].mac", true)]
    [InlineData("""{"spec":{"config":"{\"a\":2}","n":1}}""", "spec.config.plugins[0].type", false)]
    [InlineData("""{"spec":{"n":1.0,"config":"{\"a\":1}","items":[{"mac":"x"},{"mac":"y"}]}}""", "spec.n", true)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":{"mac":"y"},"n":1}}""", "spec.items[1].mac", false)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[{"mac":"x"},{"mac":"y"}],"n":1},"metadata":{"x":1}}""", "", false)]
    [InlineData("""{"spec":{"config":"{\"a\":1}","items":[{"mac":"x"},{"mac":"y"}],"n":1}}""", "spec.items[x].mac", true)]
    public void Compares_the_json_value_at_the_field_path(string current, string path, bool same)
    {
        using var old = JsonDocument.Parse(Old);
        using var now = JsonDocument.Parse(current);
        Assert.Equal(same, KubernetesFieldPath.SameValue(old.RootElement, now.RootElement, path));
    }

    [Fact]
    public void Parses_names_and_indices()
    {
        Assert.Equal(["spec", "template", "interfaces", 2, "macAddress"], KubernetesFieldPath.Parse("spec.template.interfaces[2].macAddress"));
        Assert.Equal(["a", 0, 1], KubernetesFieldPath.Parse("a[0][1]"));
        Assert.Empty(KubernetesFieldPath.Parse(""));
    }
}

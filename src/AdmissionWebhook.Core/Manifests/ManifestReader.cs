using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdmissionWebhook.Patching;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace AdmissionWebhook.Manifests;

/// <summary>
/// Reads Kubernetes manifests: multi-document YAML and JSON files, <c>kind: List</c> expanded into its items. YAML
/// scalars follow the YAML 1.2 core schema (what kubectl does): unquoted <c>true</c>, numbers and <c>null</c> are typed,
/// quoted scalars are strings.
/// </summary>
public static partial class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>True for the file names the reader takes.</summary>
    public static bool IsManifestFile(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every manifest file directly in <paramref name="directory"/>, in name order.</summary>
    public static IReadOnlyList<ManifestDocument> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ManifestException(directory, null, "manifest folder does not exist");
        }
        var files = Directory.EnumerateFiles(directory).Where(IsManifestFile).Order(StringComparer.Ordinal);
        return [.. files.SelectMany(ReadFile)];
    }

    public static IReadOnlyList<ManifestDocument> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ManifestException(path, null, e.Message, e);
        }
        return ReadText(text, path, Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads manifests from text; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<ManifestDocument> ReadText(string text, string source, bool json = false)
    {
        var documents = new List<ManifestDocument>();
        // JSON is a subset of YAML, so one parser serves both and keeps line numbers for both.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var kind = json ? "JSON" : "YAML";
            throw new ManifestException(source, (int)e.Start.Line, (int)e.Start.Column, $"not valid {kind}: {e.Message}", e);
        }
        foreach (var document in stream.Documents)
        {
            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var spans = new Dictionary<string, ManifestSpan>(StringComparer.Ordinal);
            var node = Convert(document.RootNode, string.Empty, new Positions(lines, columns, spans, text), source);
            if (node is null)
            {
                continue;
            }
            var line = (int)document.RootNode.Start.Line;
            if (node is not JsonObject obj)
            {
                throw new ManifestException(source, line, "a manifest document must be a mapping (a Kubernetes object)");
            }
            documents.AddRange(Expand(new ManifestDocument(source, line, obj, lines) { Columns = columns, Spans = spans, Text = text }));
        }
        return documents;
    }

    private static IEnumerable<ManifestDocument> Expand(ManifestDocument document)
    {
        if (document.Kind != "List" && !(document.Kind?.EndsWith("List", StringComparison.Ordinal) == true && document.Object["items"] is JsonArray))
        {
            yield return document;
            yield break;
        }
        if (document.Object["items"] is not JsonArray items)
        {
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                throw new ManifestException(document.Source, document.LineOf($"/items/{i}"), "every item of a List must be an object");
            }
            var prefix = $"/items/{i}";
            yield return new ManifestDocument(document.Source, document.LineOf(prefix), (JsonObject)item.DeepClone(), Under(document.Lines, prefix))
            {
                Columns = Under(document.Columns, prefix),
                Spans = Under(document.Spans, prefix),
                Text = document.Text,
            };
        }
    }

    /// <summary>The entries at or below <paramref name="prefix"/>, re-keyed relative to it.</summary>
    private static Dictionary<string, TValue> Under<TValue>(IReadOnlyDictionary<string, TValue> entries, string prefix) =>
        entries
            .Where(pair => pair.Key == prefix || pair.Key.StartsWith(prefix + "/", StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[prefix.Length..], pair => pair.Value, StringComparer.Ordinal);

    /// <summary>What the reader records per JSON pointer: the 1-based line and column, and the text span.</summary>
    private sealed record Positions(Dictionary<string, int> Lines, Dictionary<string, int> Columns, Dictionary<string, ManifestSpan> Spans, string Text);

    /// <summary>Where a node's text ends. YamlDotNet gives collections the end of their start event only, so a
    /// block collection ends with its last child, and a flow collection after its closing bracket.</summary>
    private static int EndOf(YamlNode node, string text)
    {
        var last = node switch
        {
            YamlMappingNode { Children.Count: > 0 } mapping => mapping.Children.Last().Value,
            YamlSequenceNode { Children.Count: > 0 } sequence => sequence.Children[^1],
            _ => null,
        };
        var end = last is null ? (int)node.End.Index : EndOf(last, text);
        var flow = node is YamlMappingNode { Style: MappingStyle.Flow } or YamlSequenceNode { Style: SequenceStyle.Flow };
        if (!flow)
        {
            return end;
        }
        var close = node is YamlMappingNode ? '}' : ']';
        var at = text.IndexOf(close, Math.Min(end, text.Length));
        return at < 0 ? end : at + 1;
    }

    private static ManifestSpan SpanOf(YamlNode node, string text)
    {
        var start = (int)node.Start.Index;
        var end = EndOf(node, text);
        return node switch
        {
            YamlMappingNode mapping => new ManifestSpan(start, end,
                mapping.Style == MappingStyle.Flow ? ManifestNodeStyle.FlowMapping : ManifestNodeStyle.BlockMapping,
                mapping.Children.Count > 0 ? (int)mapping.Children.First().Key.Start.Index : -1,
                mapping.Children.Count > 0 ? (int)mapping.Children.First().Key.Start.Column : -1),
            YamlSequenceNode sequence => new ManifestSpan(start, end,
                sequence.Style == SequenceStyle.Flow ? ManifestNodeStyle.FlowSequence : ManifestNodeStyle.BlockSequence),
            _ => new ManifestSpan(start, end, ManifestNodeStyle.Scalar),
        };
    }

    private static JsonNode? Convert(YamlNode node, string pointer, Positions positions, string source)
    {
        var lines = positions.Lines;
        lines[pointer] = (int)node.Start.Line;
        positions.Columns[pointer] = (int)node.Start.Column;
        positions.Spans[pointer] = SpanOf(node, positions.Text);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new ManifestException(source, (int)keyNode.Start.Line, "mapping keys must be scalars");
                    }
                    var childPointer = $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
                    if (obj.ContainsKey(key))
                    {
                        throw new ManifestException(source, (int)keyNode.Start.Line, (int)keyNode.Start.Column, $"duplicate key \"{key}\"");
                    }
                    obj[key] = Convert(valueNode, childPointer, positions, source);
                    lines[childPointer] = (int)keyNode.Start.Line;
                    positions.Columns[childPointer] = (int)keyNode.Start.Column;
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var child in sequence.Children)
                {
                    array.Add(Convert(child, $"{pointer}/{index++}", positions, source));
                }
                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                throw new ManifestException(source, (int)node.Start.Line, "unsupported YAML node");
        }
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(value);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(value);
    }

    /// <summary>Serialises a document's object as compact JSON (for decoding into typed models).</summary>
    /// <summary>The object as the API server would send it in a review: encoded as Go's encoding/json writes strings.</summary>
    public static JsonElement ToElement(JsonObject obj) => JsonText.ToElement(obj, JsonEscaping.Go);

    // \z: .NET's $ also matches before a final "\n".
    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}

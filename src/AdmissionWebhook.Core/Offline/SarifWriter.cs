using System.Text.Json;
using AdmissionWebhook.Rules;

namespace AdmissionWebhook.Offline;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning (<c>github/codeql-action/upload-sarif</c>): one run, the rule catalogue as
/// the driver's rules, one result per finding with its file (relative, forward slashes) and line. Errors are
/// level "error"; warnings and fixable findings are level "warning".
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "AdmissionWebhook";

    public static void Write(LintReport report, Stream output, string baseDirectory, string toolVersion)
    {
        var rules = RuleCatalog.All.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var index = rules.Select((rule, i) => (rule.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();
        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", ToolName);
        writer.WriteString("version", toolVersion);
        writer.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            writer.WriteStartObject();
            writer.WriteString("id", rule.Code);
            writer.WriteString("name", rule.Code);
            writer.WriteStartObject("shortDescription");
            writer.WriteString("text", rule.Summary);
            writer.WriteEndObject();
            writer.WriteStartObject("help");
            writer.WriteString("text", rule.Fix);
            writer.WriteEndObject();
            writer.WriteStartObject("defaultConfiguration");
            writer.WriteString("level", rule.DefaultAction == RuleAction.Warn ? "warning" : "error");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("results");
        foreach (var result in report.Objects)
        {
            foreach (var finding in result.Findings)
            {
                int? ruleIndex = index.TryGetValue(finding.Code, out var found) ? found : null;
                WriteResult(writer, finding.Code, ruleIndex, finding.Severity == LintSeverity.Error ? "error" : "warning",
                    $"{result.Kind} {result.DisplayName}: {finding.Message}", result.Source, finding.Line, finding.Column, baseDirectory);
            }
        }
        foreach (var error in report.InputErrors)
        {
            WriteInputError(writer, error, baseDirectory);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>An unreadable file, as an error result of its own (code scanning shows results, not notifications).</summary>
    private static void WriteInputError(Utf8JsonWriter writer, LintInputError error, string baseDirectory) =>
        WriteResult(writer, LintInputError.Code, null, "error", error.Message, error.Source, error.Line, error.Column, baseDirectory);

    /// <summary>One SARIF result with its single physical location (line at least 1, column only when known).</summary>
    private static void WriteResult(Utf8JsonWriter writer, string ruleId, int? ruleIndex, string level, string text,
        string source, int line, int column, string baseDirectory)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", ruleId);
        if (ruleIndex is { } known)
        {
            writer.WriteNumber("ruleIndex", known);
        }
        writer.WriteString("level", level);
        writer.WriteStartObject("message");
        writer.WriteString("text", text);
        writer.WriteEndObject();
        writer.WriteStartArray("locations");
        writer.WriteStartObject();
        writer.WriteStartObject("physicalLocation");
        writer.WriteStartObject("artifactLocation");
        writer.WriteString("uri", ArtifactUri(source, baseDirectory));
        writer.WriteEndObject();
        writer.WriteStartObject("region");
        writer.WriteNumber("startLine", Math.Max(1, line));
        if (column > 0)
        {
            writer.WriteNumber("startColumn", column);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A path relative to the checkout with forward slashes, as code scanning expects.</summary>
    public static string ArtifactUri(string source, string baseDirectory)
    {
        if (source == "-")
        {
            return "stdin";
        }
        var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(source));
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}

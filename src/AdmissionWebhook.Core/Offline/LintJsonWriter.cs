using System.Text.Json;

namespace AdmissionWebhook.Offline;

/// <summary>
/// The machine format: <c>{"objects":[{source,line,kind,namespace,name,allowed,findings:[...],patch:[...]}],
/// "summary":{...}}</c>, for scripts that want more than the exit code.
/// </summary>
public static class LintJsonWriter
{
    public static void Write(LintReport report, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartArray("objects");
        foreach (var result in report.Objects)
        {
            writer.WriteStartObject();
            writer.WriteString("source", result.Source);
            writer.WriteNumber("line", result.Line);
            writer.WriteString("kind", result.Kind);
            writer.WriteString("namespace", result.Namespace);
            writer.WriteString("name", result.Name);
            writer.WriteBoolean("allowed", result.Outcome.Allowed);
            writer.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("code", finding.Code);
                writer.WriteString("severity", SeverityName(finding.Severity));
                writer.WriteString("field", finding.Field);
                writer.WriteNumber("line", finding.Line);
                if (finding.Column > 0)
                {
                    writer.WriteNumber("column", finding.Column);
                }
                writer.WriteString("message", finding.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("patch");
            using (var patch = JsonDocument.Parse(Patching.JsonPatchSerializer.ToUtf8Bytes(result.Outcome.Operations)))
            {
                patch.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("inputErrors");
        foreach (var error in report.InputErrors)
        {
            writer.WriteStartObject();
            writer.WriteString("source", error.Source);
            writer.WriteNumber("line", error.Line);
            writer.WriteNumber("column", error.Column);
            writer.WriteString("code", LintInputError.Code);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("summary");
        writer.WriteNumber("objects", report.Objects.Count);
        writer.WriteNumber("errors", report.Count(LintSeverity.Error));
        writer.WriteNumber("fixable", report.Count(LintSeverity.Fixable));
        writer.WriteNumber("warnings", report.Count(LintSeverity.Warning));
        writer.WriteNumber("inputErrors", report.InputErrors.Count);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    public static string SeverityName(LintSeverity severity) => severity switch
    {
        LintSeverity.Warning => "warning",
        LintSeverity.Fixable => "fixable",
        _ => "error",
    };
}

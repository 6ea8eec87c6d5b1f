using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Offline;

/// <summary>
/// Writes the mutating webhook's changes into the manifest text while leaving every other character as written:
/// a replaced (or re-added) scalar gets its new value spliced over its old text, in the same quoting style where
/// that is safe; a member added to a mapping gets a line of its own (block style) or a leading entry (flow style).
/// Any other change (array edits, removals, non-scalar replacements) re-serialises that one document as JSON
/// and is reported in <see cref="FixResult.Rewritten"/>.
/// </summary>
public static partial class ManifestFixer
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>One document's change: the patch the webhook returns and the object it produces.</summary>
    public sealed record DocumentFix(ManifestDocument Document, IReadOnlyList<JsonPatchOperation> Operations, JsonNode? Patched);

    /// <summary>The fixed text, and the documents that had to be re-serialised whole (with why).</summary>
    public sealed record FixResult(string Text, IReadOnlyList<(ManifestDocument Document, string Reason)> Rewritten);

    private sealed record Edit(int Start, int End, string Replacement);

    /// <summary>Applies the fixes of the documents read from <paramref name="text"/>.</summary>
    public static FixResult Apply(string text, IEnumerable<DocumentFix> fixes, bool json)
    {
        var edits = new List<Edit>();
        var rewritten = new List<(ManifestDocument, string)>();
        foreach (var fix in fixes.Where(f => f.Operations.Any(o => o.Op != JsonPatchOperation.TestOp)))
        {
            var documentEdits = new List<Edit>();
            var paths = ChangedPaths(fix.Operations, out var reason);
            foreach (var path in reason is null ? paths : [])
            {
                if (!TryEdit(text, fix.Document, path, fix.Patched, json, out var edit, out reason))
                {
                    break;
                }
                documentEdits.Add(edit);
            }
            reason ??= Overlap(documentEdits);
            if (reason is null)
            {
                edits.AddRange(documentEdits);
                continue;
            }
            if (!fix.Document.Spans.TryGetValue(string.Empty, out var whole))
            {
                throw new InvalidOperationException($"{fix.Document.Source}:{fix.Document.Line}: the document has no recorded text span");
            }
            rewritten.Add((fix.Document, reason));
            var rendered = fix.Patched?.ToJsonString(ColumnOf(text, whole.Start) == 0 ? Indented : Compact) ?? "null";
            // A block node's end mark sits at the next token (often the following "---"): keep the line breaks.
            var end = whole.End;
            while (end > whole.Start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
            edits.Add(new Edit(whole.Start, end, rendered));
        }

        var builder = new StringBuilder(text);
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            builder.Remove(edit.Start, edit.End - edit.Start).Insert(edit.Start, edit.Replacement);
        }
        return new FixResult(builder.ToString(), rewritten);
    }

    /// <summary>The distinct paths the patch sets (tests dropped); anything but add/replace makes it unsupported.</summary>
    private static List<JsonPointer> ChangedPaths(IReadOnlyList<JsonPatchOperation> operations, out string? unsupported)
    {
        unsupported = null;
        var paths = new List<JsonPointer>();
        foreach (var operation in operations.Where(o => o.Op != JsonPatchOperation.TestOp))
        {
            if (operation.Op is not (JsonPatchOperation.AddOp or JsonPatchOperation.ReplaceOp))
            {
                unsupported = $"a \"{operation.Op}\" at {operation.Path} cannot be spliced into the text";
                return paths;
            }
            if (!paths.Contains(operation.Path))
            {
                paths.Add(operation.Path);
            }
        }
        return paths;
    }

    private static bool TryEdit(string text, ManifestDocument document, JsonPointer path, JsonNode? patched, bool json, out Edit edit, out string? reason)
    {
        edit = new Edit(0, 0, string.Empty);
        reason = null;
        if (path.Segments.Count > 0 && (ResolveOrNull(document.Object, path.Parent) is JsonArray || ResolveOrNull(patched, path.Parent) is JsonArray))
        {
            reason = $"{path} changes an array element";
            return false;
        }
        var value = JsonPatchApplier.Resolve(patched, path);
        if (document.Spans.TryGetValue(path.ToString(), out var existing))
        {
            if (existing.Style != ManifestNodeStyle.Scalar || value is JsonObject or JsonArray)
            {
                reason = $"{path} is not a scalar in the text";
                return false;
            }
            edit = new Edit(existing.Start, existing.End, RenderScalar(value, text.AsSpan(existing.Start, existing.End - existing.Start), json));
            return true;
        }
        if (path.Segments.Count == 0 || !document.Spans.TryGetValue(path.Parent.ToString(), out var parent) || parent.FirstKeyStart < 0)
        {
            reason = $"{path} has no written parent mapping to add it to";
            return false;
        }
        var rendered = value is null ? "null" : value.ToJsonString(Compact);
        switch (parent.Style)
        {
            case ManifestNodeStyle.BlockMapping:
                var indent = new string(' ', Math.Max(0, parent.FirstKeyColumn - 1));
                edit = new Edit(parent.FirstKeyStart, parent.FirstKeyStart, $"{RenderKey(path.Last, json)}: {RenderValue(value, rendered, json)}\n{indent}");
                return true;
            case ManifestNodeStyle.FlowMapping:
                edit = new Edit(parent.FirstKeyStart, parent.FirstKeyStart, $"{JsonString(path.Last)}: {rendered}, ");
                return true;
            default:
                reason = $"{path} has no written parent mapping to add it to";
                return false;
        }
    }

    private static JsonNode? ResolveOrNull(JsonNode? root, JsonPointer path)
    {
        try
        {
            return JsonPatchApplier.Resolve(root, path);
        }
        catch (JsonPatchException)
        {
            return null;
        }
    }

    private static string RenderValue(JsonNode? value, string rendered, bool json) =>
        !json && value is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? (IsSafePlain(s) ? s : DoubleQuoted(s)) : rendered;

    /// <summary>A new scalar in the style of the old one: plain stays plain and single-quoted stays single-quoted
    /// where the new value allows it; otherwise JSON's double quotes, which YAML reads the same way.</summary>
    private static string RenderScalar(JsonNode? value, ReadOnlySpan<char> old, bool json)
    {
        if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var s))
        {
            return value is null ? "null" : value.ToJsonString(Compact);
        }
        if (json)
        {
            return JsonString(s);
        }
        if (old.Length > 0 && old[0] == '\'' && s.All(IsPlainTextChar))
        {
            return $"'{s.Replace("'", "''", StringComparison.Ordinal)}'";
        }
        if (old.Length > 0 && old[0] is not ('"' or '\'' or '|' or '>') && IsSafePlain(s))
        {
            return s;
        }
        return DoubleQuoted(s);
    }

    /// <summary>A YAML double-quoted scalar: every character that YAML would fold, drop or reject is escaped.</summary>
    private static string DoubleQuoted(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (IsPlainTextChar(c) || char.IsSurrogate(c))
                    {
                        builder.Append(c);
                    }
                    else
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>A string as a JSON literal, escaped as the rest of the rewrite is. JsonNode writes without reflection,
    /// which keeps this file usable in the Native AOT binary.</summary>
    private static string JsonString(string s) => JsonValue.Create(s).ToJsonString(Compact);

    /// <summary>Characters YAML keeps as they are inside quotes: no controls, no Unicode line breaks, no BOM.</summary>
    private static bool IsPlainTextChar(char c) =>
        !char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF');

    private static string RenderKey(string key, bool json) => json ? JsonString(key) : IsSafePlain(key) ? key : DoubleQuoted(key);

    /// <summary>Text that YAML reads back as the same string when written plain: no indicators, no typed look-alikes.</summary>
    private static bool IsSafePlain(string s) =>
        SafePlain().IsMatch(s) && !TypedLookalike().IsMatch(s);

    private static string? Overlap(List<Edit> edits)
    {
        var sorted = edits.OrderBy(e => e.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Start < sorted[i - 1].End || sorted[i].Start == sorted[i - 1].Start)
            {
                return "two changes touch the same text";
            }
        }
        return null;
    }

    private static int ColumnOf(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1));
        return index - (lineStart + 1);
    }

    // \z, not $: .NET's $ also matches before a final "\n", which a plain scalar would lose.
    [GeneratedRegex(@"^[A-Za-z0-9/_][A-Za-z0-9._/-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafePlain();

    /// <summary>Plain text that YAML 1.2 (or the YAML 1.1 of Go's parsers) would read as a number, bool or null.</summary>
    [GeneratedRegex(@"^([-+]?([0-9][0-9_]*|[0-9][0-9_]*\.[0-9_]*)([eE][-+]?[0-9]+)?|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|true|false|yes|no|on|off|null|y|n|~)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TypedLookalike();
}

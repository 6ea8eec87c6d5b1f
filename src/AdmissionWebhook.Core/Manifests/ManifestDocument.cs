using System.Text.Json.Nodes;

namespace AdmissionWebhook.Manifests;

/// <summary>
/// One Kubernetes object read from a manifest file, with where it came from. <see cref="Lines"/> maps JSON pointers
/// inside the object (<c>/spec/provider</c>) to 1-based source lines where the source format records them.
/// </summary>
public sealed record ManifestDocument(string Source, int Line, JsonObject Object, IReadOnlyDictionary<string, int> Lines)
{
    /// <summary>Where each node (by JSON pointer, <c>""</c> for the object itself) sits in <see cref="Text"/>;
    /// empty when the document was not read from text.</summary>
    public IReadOnlyDictionary<string, ManifestSpan> Spans { get; init; } = new Dictionary<string, ManifestSpan>();

    /// <summary>The 1-based column of each member's key (of the node itself for list items and the root), by JSON
    /// pointer like <see cref="Lines"/>; empty when the source format does not record them.</summary>
    public IReadOnlyDictionary<string, int> Columns { get; init; } = new Dictionary<string, int>();

    /// <summary>The whole source text the document was read from (shared by the documents of one file).</summary>
    public string? Text { get; init; }

    public string? ApiVersion => Object["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public string? Kind => Object["kind"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The line and column (0 when unknown) of the member at <paramref name="pointer"/>, or of its closest
    /// recorded ancestor.</summary>
    public (int Line, int Column) PositionOf(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (Lines.TryGetValue(current, out var line))
            {
                return (line, Columns.TryGetValue(current, out var column) ? column : 0);
            }
            if (current.Length == 0)
            {
                return (Line, 0);
            }
            current = current[..current.LastIndexOf('/')];
        }
    }

    /// <summary>The line of the member at <paramref name="pointer"/>, or of its closest recorded ancestor.</summary>
    public int LineOf(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (Lines.TryGetValue(current, out var line))
            {
                return line;
            }
            if (current.Length == 0)
            {
                return Line;
            }
            current = current[..current.LastIndexOf('/')];
        }
    }
}

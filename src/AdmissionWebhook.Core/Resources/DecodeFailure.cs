using System.Text;

namespace AdmissionWebhook.Resources;

/// <summary>
/// Why an object did not decode into its model, in Kubernetes terms: the field path
/// (<c>spec.template.spec.networks[0].name</c>) and what the field must be (<c>expected a list of strings</c>),
/// never a .NET type name or a position in re-encoded JSON.
/// </summary>
/// <param name="FieldPath">Dotted field path with [index] for list items; empty for the object itself.</param>
/// <param name="Expectation">What the field must hold, or the decoder's own reason when it gave one.</param>
public sealed record DecodeFailure(string FieldPath, string Expectation)
{
    public override string ToString() => FieldPath.Length > 0 ? $"{FieldPath}: {Expectation}" : Expectation;

    /// <summary>The JSON pointer of the same path (to find its line in a manifest).</summary>
    public static string PointerOf(string fieldPath) =>
        string.Concat(Segments("$." + fieldPath).Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary><c>$.spec.networks[0].name</c> and <c>$['a.b']</c> into member names and indices.</summary>
    internal static List<string> Segments(string path)
    {
        var segments = new List<string>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 2)..end]);
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = Math.Min(path.Length, end + 1);
            }
            else
            {
                i++;
            }
        }
        return segments.Where(s => s.Length > 0).ToList();
    }

    /// <summary>Member names and indices into the dotted field path (a name with a dot or slash, or all digits, in brackets).</summary>
    internal static string FieldPathOf(IReadOnlyList<string> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.All(char.IsAsciiDigit))
            {
                text.Append('[').Append(segment).Append(']');
            }
            else if (segment.Contains('.', StringComparison.Ordinal) || segment.Contains('/', StringComparison.Ordinal))
            {
                text.Append('[').Append(segment).Append(']');
            }
            else
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(segment);
            }
        }
        return text.ToString();
    }
}

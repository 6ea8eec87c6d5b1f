namespace AdmissionWebhook.Manifests;

/// <summary>How a YAML node is written, which decides how an edit can be spliced into its text.</summary>
public enum ManifestNodeStyle
{
    Scalar,
    BlockMapping,
    FlowMapping,
    BlockSequence,
    FlowSequence,
}

/// <summary>
/// Where one node of a manifest sits in its source text: character offsets <see cref="Start"/> (inclusive) and
/// <see cref="End"/> (exclusive), so <c>--fix</c> can replace exactly that text and leave the rest as written.
/// For a mapping, <see cref="FirstKeyStart"/> and <see cref="FirstKeyColumn"/> say where a new member can go.
/// </summary>
public sealed record ManifestSpan(int Start, int End, ManifestNodeStyle Style, int FirstKeyStart = -1, int FirstKeyColumn = -1);

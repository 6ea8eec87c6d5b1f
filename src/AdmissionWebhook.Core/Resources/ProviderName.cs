using System.Diagnostics.CodeAnalysis;

namespace AdmissionWebhook.Resources;

/// <summary>How Kube-OVN reads a provider string (kube-ovn <c>pkg/util/subnet.go</c>).</summary>
public enum ProviderKind
{
    /// <summary><c>""</c> or <c>"ovn"</c>: the default network.</summary>
    Default,

    /// <summary><c>&lt;nad&gt;.&lt;ns&gt;.ovn</c>: an OVN attachment (a NAD of type kube-ovn).</summary>
    Ovn,

    /// <summary><c>&lt;nad&gt;.&lt;ns&gt;</c>: Kube-OVN as IPAM for another CNI.</summary>
    Ipam,
}

/// <summary>
/// A Kube-OVN provider. This is the only place that splits provider strings: three dot-separated fields ending
/// in <c>ovn</c>, two fields, or <c>""</c>/<c>"ovn"</c> for the default network, each field a DNS label.
/// </summary>
public readonly record struct ProviderName
{
    public const string OvnSuffix = "ovn";

    private ProviderName(ProviderKind kind, string nadName, string nadNamespace)
    {
        Kind = kind;
        NadName = nadName;
        NadNamespace = nadNamespace;
    }

    public ProviderKind Kind { get; }

    /// <summary>The NAD's name; empty for the default network.</summary>
    public string NadName { get; }

    /// <summary>The NAD's namespace; empty for the default network.</summary>
    public string NadNamespace { get; }

    public bool IsDefault => Kind == ProviderKind.Default;

    public NamespacedName Nad => new(NadNamespace, NadName);

    /// <summary>The canonical provider of a NAD of the given flavour.</summary>
    public static ProviderName ForNad(string nadName, string nadNamespace, ProviderKind kind) =>
        kind == ProviderKind.Default
            ? throw new ArgumentException("a NAD provider is OVN or IPAM", nameof(kind))
            : new ProviderName(kind, nadName, nadNamespace);

    public static ProviderName DefaultNetwork { get; } = new(ProviderKind.Default, string.Empty, string.Empty);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ProviderName? provider)
    {
        provider = null;
        if (text is null || text.Length == 0 || text == OvnSuffix)
        {
            provider = DefaultNetwork;
            return true;
        }
        var parts = text.Split('.');
        if (parts.Length == 3 && parts[2] == OvnSuffix && DnsLabel.IsValid(parts[0]) && DnsLabel.IsValid(parts[1]))
        {
            provider = new ProviderName(ProviderKind.Ovn, parts[0], parts[1]);
            return true;
        }
        if (parts.Length == 2 && DnsLabel.IsValid(parts[0]) && DnsLabel.IsValid(parts[1]))
        {
            provider = new ProviderName(ProviderKind.Ipam, parts[0], parts[1]);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Kube-OVN's <c>util.IsOvnProvider</c>: <c>""</c>, <c>"ovn"</c>, or three dot-separated fields ending in
    /// <c>ovn</c>. Such a Subnet gets a logical switch and a VPC; any other provider is an IPAM-only Subnet.
    /// </summary>
    public static bool IsOvnProvider(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == OvnSuffix)
        {
            return true;
        }
        var parts = text.Split('.');
        return parts.Length == 3 && parts[2] == OvnSuffix;
    }

    /// <summary>
    /// How <paramref name="text"/>, a provider written in a NAD's config, relates to this canonical provider,
    /// which decides whether a repair is unambiguous.
    /// </summary>
    public ProviderMatch Match(string? text)
    {
        if (IsDefault)
        {
            throw new InvalidOperationException("only a NAD's provider has a canonical form to match");
        }
        if (string.IsNullOrEmpty(text))
        {
            return ProviderMatch.Missing;
        }
        var canonical = ToString();
        if (text == canonical)
        {
            return ProviderMatch.Canonical;
        }
        if (string.Equals(text, canonical, StringComparison.OrdinalIgnoreCase))
        {
            return ProviderMatch.LetterCase;
        }
        var otherFlavour = WithKind(Kind == ProviderKind.Ovn ? ProviderKind.Ipam : ProviderKind.Ovn).ToString();
        if (string.Equals(text, otherFlavour, StringComparison.OrdinalIgnoreCase))
        {
            return ProviderMatch.WrongSuffix;
        }
        if (TryParse(text.ToLowerInvariant(), out var parsed))
        {
            return parsed.Value.IsDefault ? ProviderMatch.DefaultNetwork : ProviderMatch.OtherNad;
        }
        return ProviderMatch.Malformed;
    }

    /// <summary>True when the written provider can be rewritten to the canonical one without guessing intent.</summary>
    public static bool IsRepairable(ProviderMatch match) =>
        match is ProviderMatch.Missing or ProviderMatch.WrongSuffix or ProviderMatch.LetterCase;

    /// <summary>The same NAD with the other suffix rule.</summary>
    public ProviderName WithKind(ProviderKind kind) => ForNad(NadName, NadNamespace, kind);

    public override string ToString() => Kind switch
    {
        ProviderKind.Ovn => $"{NadName}.{NadNamespace}.{OvnSuffix}",
        ProviderKind.Ipam => $"{NadName}.{NadNamespace}",
        _ => OvnSuffix,
    };
}

/// <summary>How a written provider compares with the canonical provider of its NAD.</summary>
public enum ProviderMatch
{
    /// <summary>Exactly the canonical provider.</summary>
    Canonical,

    /// <summary>Absent or empty: the CNI falls back to <c>ovn</c>, the primary network (repairable).</summary>
    Missing,

    /// <summary>The canonical provider of the other flavour (<c>.ovn</c> missing or extra; repairable).</summary>
    WrongSuffix,

    /// <summary>The canonical provider in other letter case (repairable).</summary>
    LetterCase,

    /// <summary><c>ovn</c>: the default network, which a NAD cannot claim.</summary>
    DefaultNetwork,

    /// <summary>A well-formed provider of another NAD or namespace: the intent is unclear.</summary>
    OtherNad,

    /// <summary>Not a provider at all.</summary>
    Malformed,
}

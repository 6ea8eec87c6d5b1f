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

    /// <summary>The same NAD with the other suffix rule.</summary>
    public ProviderName WithKind(ProviderKind kind) => ForNad(NadName, NadNamespace, kind);

    public override string ToString() => Kind switch
    {
        ProviderKind.Ovn => $"{NadName}.{NadNamespace}.{OvnSuffix}",
        ProviderKind.Ipam => $"{NadName}.{NadNamespace}",
        _ => OvnSuffix,
    };
}

namespace AdmissionWebhook.Rules;

/// <summary>
/// Cluster-specific settings the rules read: per-rule action overrides (<c>Rules:&lt;Code&gt;</c>), exempt users
/// (<c>Webhook:ExemptUsers</c>), the default Kube-OVN socket (<c>Webhook:DefaultServerSocket</c>) and the bindings
/// allowed for hotplug (<c>Hotplug:AllowedBindings</c>).
/// </summary>
public sealed class AdmissionPolicy
{
    public const string KubeVirtControllerUser = "system:serviceaccount:kubevirt:kubevirt-controller";
    public const string DefaultKubeOvnSocket = "/run/openvswitch/kube-ovn-daemon.sock";

    private readonly IReadOnlyDictionary<string, RuleAction> _overrides;

    public AdmissionPolicy(
        IReadOnlyDictionary<string, RuleAction>? overrides = null,
        IEnumerable<string>? exemptUsers = null,
        string? defaultServerSocket = null,
        IEnumerable<string>? allowedHotplugBindings = null)
    {
        _overrides = overrides ?? new Dictionary<string, RuleAction>();
        ExemptUsers = new HashSet<string>(exemptUsers ?? [KubeVirtControllerUser], StringComparer.Ordinal);
        DefaultServerSocket = string.IsNullOrEmpty(defaultServerSocket) ? DefaultKubeOvnSocket : defaultServerSocket;
        AllowedHotplugBindings = new HashSet<string>(allowedHotplugBindings ?? ["bridge"], StringComparer.Ordinal);
    }

    /// <summary>The defaults RULES.md states.</summary>
    public static AdmissionPolicy Default { get; } = new();

    public IReadOnlySet<string> ExemptUsers { get; }

    public string DefaultServerSocket { get; }

    public IReadOnlySet<string> AllowedHotplugBindings { get; }

    public IReadOnlyDictionary<string, RuleAction> Overrides => _overrides;

    /// <summary>The configured action of a rule, or its default.</summary>
    public RuleAction ActionFor(AdmissionRule rule) => _overrides.TryGetValue(rule.Code, out var action) ? action : rule.DefaultAction;

    /// <summary>False when the rule (or mutation) is switched off.</summary>
    public bool IsEnabled(AdmissionRule rule) => ActionFor(rule) != RuleAction.Off;

    public bool IsExempt(string? username) => username is not null && ExemptUsers.Contains(username);
}

namespace AdmissionWebhook.Rules;

/// <summary>
/// Cluster-specific settings the rules read: per-rule action overrides (<c>Rules:&lt;Code&gt;</c>), exempt users
/// (<c>Webhook:ExemptUsers</c>), the cluster's own controllers (<c>Webhook:SystemUsers</c>), the default Kube-OVN socket (<c>Webhook:DefaultServerSocket</c>) and the bindings
/// allowed for hotplug (<c>Hotplug:AllowedBindings</c>).
/// </summary>
public sealed class AdmissionPolicy
{
    public const string KubeVirtControllerUser = "system:serviceaccount:kubevirt:kubevirt-controller";
    public const string DefaultKubeOvnSocket = "/run/openvswitch/kube-ovn-daemon.sock";

    /// <summary>
    /// The cluster's own controllers (docs/rules.md "System actors"): the namespace controller and the garbage collector
    /// delete everything in a namespace being removed, and Kube-OVN's controller writes its own Subnets. Refusing any
    /// of them leaves a namespace stuck in Terminating or a Subnet unreconciled.
    /// </summary>
    public static IReadOnlyList<string> DefaultSystemUsers { get; } =
    [
        "system:serviceaccount:kube-system:namespace-controller",
        "system:serviceaccount:kube-system:generic-garbage-collector",
        "system:serviceaccount:kube-system:ovn",
    ];

    private readonly IReadOnlyDictionary<string, RuleAction> _overrides;

    public AdmissionPolicy(
        IReadOnlyDictionary<string, RuleAction>? overrides = null,
        IEnumerable<string>? exemptUsers = null,
        string? defaultServerSocket = null,
        IEnumerable<string>? allowedHotplugBindings = null,
        IEnumerable<string>? systemUsers = null)
    {
        _overrides = overrides ?? new Dictionary<string, RuleAction>();
        ExemptUsers = new HashSet<string>(exemptUsers ?? [KubeVirtControllerUser], StringComparer.Ordinal);
        DefaultServerSocket = string.IsNullOrEmpty(defaultServerSocket) ? DefaultKubeOvnSocket : defaultServerSocket;
        AllowedHotplugBindings = new HashSet<string>(allowedHotplugBindings ?? ["bridge"], StringComparer.Ordinal);
        SystemUsers = new HashSet<string>(systemUsers ?? DefaultSystemUsers, StringComparer.Ordinal);
    }

    /// <summary>The defaults docs/rules.md states.</summary>
    public static AdmissionPolicy Default { get; } = new();

    public IReadOnlySet<string> ExemptUsers { get; }

    /// <summary>Users who are never denied: their would-be denials become warnings, and nothing is mutated for them.</summary>
    public IReadOnlySet<string> SystemUsers { get; }

    public string DefaultServerSocket { get; }

    public IReadOnlySet<string> AllowedHotplugBindings { get; }

    public IReadOnlyDictionary<string, RuleAction> Overrides => _overrides;

    /// <summary>The configured action of a rule, or its default.</summary>
    public RuleAction ActionFor(AdmissionRule rule) => _overrides.TryGetValue(rule.Code, out var action) ? action : rule.DefaultAction;

    /// <summary>False when the rule (or mutation) is switched off.</summary>
    public bool IsEnabled(AdmissionRule rule) => ActionFor(rule) != RuleAction.Off;

    public bool IsExempt(string? username) => username is not null && ExemptUsers.Contains(username);

    public bool IsSystemActor(string? username) => username is not null && SystemUsers.Contains(username);
}

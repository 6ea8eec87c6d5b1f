namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>Catalogue of NetworkAttachmentDefinition checks and mutations (docs/rules.md).</summary>
[RuleCatalogue(1)]
public static class NadRules
{
    /// <summary>
    /// <c>spec.config</c> must be a JSON object (net-attach-def-admission-controller: "configuration string is not in
    /// JSON format"). An empty config is allowed, as Multus allows it, but warned about with <see cref="ConfigEmpty"/>.
    /// </summary>
    public static readonly AdmissionRule ConfigInvalidJson = new(
        "NadConfigInvalidJson",
        "spec.config is a JSON object.",
        RuleAction.Deny,
        "write spec.config as one JSON object, for example {\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",...}");

    /// <summary>
    /// An empty or missing config: Kube-OVN skips such NADs and the dynamic-networks controller cannot hot-plug them.
    /// </summary>
    public static readonly AdmissionRule ConfigEmpty = new(
        "NadConfigEmpty",
        "spec.config is set (an empty config cannot be hot-plugged).",
        RuleAction.Warn,
        "set spec.config to the CNI configuration of the network");

    /// <summary>
    /// The config needs <c>type</c>, or a non-empty <c>plugins</c> list whose every entry has <c>type</c>. Multus fails
    /// otherwise ("delegate must have the 'type' or 'plugin' field"), and net-attach-def-admission-controller only says
    /// "invalid config". A plugin list needs no <c>name</c>: Multus fills it in from the NAD (Multus' own macvlan example
    /// has none).
    /// </summary>
    public static readonly AdmissionRule ConfigMissingType = new(
        "NadConfigMissingType",
        "spec.config has a type, or a plugin list whose every entry has a type.",
        RuleAction.Deny,
        "add \"type\" (for example \"kube-ovn\") to the config, or to every entry of \"plugins\"");

    /// <summary>
    /// A Kube-OVN NAD's name must not contain a dot: Kube-OVN splits providers on dots and needs exactly three
    /// (<c>util.IsOvnProvider</c>) or two fields, so <c>vm.net.default.ovn</c> can never match a Subnet.
    /// </summary>
    public static readonly AdmissionRule NameHasDot = new(
        "NadNameHasDot",
        "A Kube-OVN NAD's name has no dot (providers are split on dots).",
        RuleAction.Deny,
        "rename the NetworkAttachmentDefinition without dots, for example vm-net instead of vm.net");

    /// <summary>
    /// OVN flavour: the <c>provider</c> (top level, or the kube-ovn plugin's) must be <c>&lt;name&gt;.&lt;ns&gt;.ovn</c>.
    /// kube-ovn-controller always keys the attachment on that string while the daemon uses the config's value, so any
    /// other value fails the attachment or, before v1.15.18, silently falls back to the default subnet (#3618, #6957).
    /// Repaired when missing, missing <c>.ovn</c>, or in other letter case; denied when it names another NAD (#4045).
    /// </summary>
    public static readonly AdmissionRule ProviderMismatch = new(
        "NadProviderMismatch",
        "A kube-ovn NAD's provider is <name>.<namespace>.ovn.",
        RuleAction.Deny,
        "set \"provider\" in spec.config to <name>.<namespace>.ovn of this NetworkAttachmentDefinition",
        Mutates: true);

    /// <summary>
    /// IPAM flavour: <c>ipam.provider</c> must be <c>&lt;name&gt;.&lt;ns&gt;</c> without <c>.ovn</c>: with the suffix the
    /// daemon plumbs an extra OVS NIC (#2783); without a provider the NIC is served from the primary network (#604).
    /// </summary>
    public static readonly AdmissionRule IpamProviderMismatch = new(
        "NadIpamProviderMismatch",
        "A NAD using Kube-OVN IPAM has ipam.provider <name>.<namespace> (no .ovn).",
        RuleAction.Deny,
        "set \"ipam\": {\"provider\": ...} in spec.config to <name>.<namespace> of this NetworkAttachmentDefinition",
        Mutates: true);

    /// <summary>
    /// <c>server_socket</c> (OVN flavour) or <c>ipam.server_socket</c> (IPAM flavour) must be set: the kube-ovn CNI
    /// plugin has no default and fails every ADD/DEL ("server_socket is required in cni.conf", #5448). A missing
    /// socket is set to <c>Webhook:DefaultServerSocket</c>; one that is not an absolute path is denied.
    /// </summary>
    public static readonly AdmissionRule ServerSocketMissing = new(
        "NadServerSocketMissing",
        "A Kube-OVN NAD sets server_socket to an absolute path.",
        RuleAction.Deny,
        "set \"server_socket\" to the kube-ovn-daemon socket, usually /run/openvswitch/kube-ovn-daemon.sock",
        Mutates: true);

    /// <summary>
    /// When set, <c>cniVersion</c> must be one the kube-ovn plugin supports (CNI library v1.3.0: 0.1.0 to 1.1.0, exact
    /// strings); anything else fails at runtime with "incompatible CNI versions".
    /// </summary>
    public static readonly AdmissionRule CniVersionUnsupported = new(
        "NadCniVersionUnsupported",
        "A Kube-OVN NAD's cniVersion is one the kube-ovn plugin supports.",
        RuleAction.Deny,
        "set \"cniVersion\" to one of 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0 (0.3.1 is usual), or remove it");

    /// <summary>
    /// A Kube-OVN NAD must not be deleted, or change its flavour or provider, while a Subnet carries its provider:
    /// upstream allows it and leaves the Subnet stuck terminating or IPs leaked (#4243, #6943). Never for system actors:
    /// the namespace controller and the garbage collector must be able to finish (the pipeline makes that a warning).
    /// </summary>
    public static readonly AdmissionRule InUseBySubnet = new(
        "NadInUseBySubnet",
        "A Kube-OVN NAD is not deleted or re-pointed while a Subnet carries its provider.",
        RuleAction.Deny,
        "delete the Subnets that carry the NAD's provider, or change their spec.provider, first");

    /// <summary>
    /// No Subnet carries this NAD's canonical provider yet: every attachment fails until one does (or, before
    /// Kube-OVN v1.15.18, silently lands on the default subnet). A warning, since the Subnet must follow the NAD.
    /// </summary>
    public static readonly AdmissionRule WithoutSubnet = new(
        "NadWithoutSubnet",
        "A Subnet carries the Kube-OVN NAD's provider.",
        RuleAction.Warn,
        "create a Subnet whose spec.provider is the provider the warning names");
}

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Catalogue of VirtualMachine checks and mutations (docs/rules.md, VirtualMachine). Static rules run on every CREATE and
/// UPDATE; the hot-plug rules run on an UPDATE of a running VM by a user that is not exempt (docs/rules.md defines
/// "running", "hot-plugged" and "exempt"). Upstream facts: kubevirt-facts.md.
/// </summary>
[RuleCatalogue(3)]
public static class VirtualMachineRules
{
    /// <summary>
    /// Every interface needs a network of the same name. KubeVirt rejects the same edit
    /// (<c>interfaces[i].name '&lt;n&gt;' not found.</c>); the network must also stay while an interface is absent.
    /// </summary>
    public static readonly AdmissionRule InterfaceWithoutNetwork = new(
        "VmInterfaceWithoutNetwork",
        "Every interface has a network of the same name.",
        RuleAction.Deny,
        "add a network with the interface's name to spec.template.spec.networks, or remove the interface");

    /// <summary>Every network needs an interface of the same name (KubeVirt: <c>networks[i].name '&lt;n&gt;' not found.</c>).</summary>
    public static readonly AdmissionRule NetworkWithoutInterface = new(
        "VmNetworkWithoutInterface",
        "Every network has an interface of the same name.",
        RuleAction.Deny,
        "add an interface with the network's name to domain.devices.interfaces, or remove the network");

    /// <summary>
    /// Interface names are unique, and network names are unique (KubeVirt: "Only one interface can be connected to one
    /// specific network", "Network with name ... already exists").
    /// </summary>
    public static readonly AdmissionRule DuplicateName = new(
        "VmDuplicateName",
        "Interface names are unique and network names are unique.",
        RuleAction.Deny,
        "rename or remove the second interface or network with that name");

    /// <summary>
    /// Names match <c>^[A-Za-z0-9_-]+$</c> (KubeVirt <c>validateInterfaceNameFormat</c>) and, stricter than KubeVirt,
    /// are at most 63 characters (the API documents them as DNS labels).
    /// </summary>
    public static readonly AdmissionRule InterfaceNameInvalid = new(
        "VmInterfaceNameInvalid",
        "Interface and network names match ^[A-Za-z0-9_-]+$ and are at most 63 characters.",
        RuleAction.Deny,
        "use only letters, digits, '-' and '_' (at most 63) in the name, on the interface and its network alike");

    /// <summary>
    /// <c>state</c> is unset, <c>absent</c>, <c>up</c> or <c>down</c>, case-sensitive; link state (<c>up</c>/<c>down</c>)
    /// is not supported on SR-IOV (KubeVirt v1.5+ <c>validateInterfaceStateValue</c>).
    /// </summary>
    public static readonly AdmissionRule InterfaceStateInvalid = new(
        "VmInterfaceStateInvalid",
        "An interface's state is unset, absent, up or down; up and down are not for SR-IOV.",
        RuleAction.Deny,
        "set state to absent (to unplug), up or down, or remove it; SR-IOV interfaces take no up/down");

    /// <summary>
    /// Only bridge-bound interfaces can be hot-unplugged (KubeVirt: <c>"&lt;n&gt;" interface's state "absent" is
    /// supported only for bridge binding</c>).
    /// </summary>
    public static readonly AdmissionRule AbsentRequiresBridge = new(
        "VmAbsentRequiresBridge",
        "state: absent is used only on bridge-bound interfaces.",
        RuleAction.Deny,
        "remove state: absent; interfaces with other bindings leave only by removing them and restarting the VM");

    /// <summary>
    /// The default network (the pod network, or a Multus network with <c>default: true</c>) can never be unplugged
    /// (KubeVirt: <c>state "absent" is not supported on default networks</c>).
    /// </summary>
    public static readonly AdmissionRule AbsentOnDefaultNetwork = new(
        "VmAbsentOnDefaultNetwork",
        "state: absent is not used on the default network (pod, or Multus default: true).",
        RuleAction.Deny,
        "remove state: absent from the default network's interface; only secondary Multus interfaces can be unplugged");

    /// <summary>
    /// Exactly one binding (KubeVirt v1.9 "must have exactly one binding method or binding plugin", backported here);
    /// masquerade and passtBinding only on the pod network; slirp, macvtap and passt are refused on CREATE
    /// (discontinued since KubeVirt v1.3); a binding plugin needs a name.
    /// </summary>
    public static readonly AdmissionRule BindingInvalid = new(
        "VmBindingInvalid",
        "Each interface has exactly one binding (bridge, masquerade, sriov, passtBinding or a binding plugin); masquerade only on the pod network.",
        RuleAction.Deny,
        "keep exactly one binding on the interface, e.g. bridge: {} for a Multus network, masquerade: {} for the pod network");

    /// <summary>
    /// Exactly one source (<c>pod</c>, <c>multus</c>, or DRA <c>resourceClaim</c>); a non-empty <c>multus.networkName</c>
    /// of the form <c>name</c> or <c>namespace/name</c>; at most one pod network, at most one Multus default, never both
    /// (KubeVirt <c>netsource.go</c>).
    /// </summary>
    public static readonly AdmissionRule NetworkSourceInvalid = new(
        "VmNetworkSourceInvalid",
        "Each network has exactly one source with a networkName for Multus; at most one pod network or Multus default.",
        RuleAction.Deny,
        "give the network exactly one of pod: {} or multus: {networkName: <nad> or <namespace>/<nad>}");

    /// <summary>
    /// <c>macAddress</c> is a 6-byte MAC (<c>:</c>, <c>-</c> or dotted form); masquerade may not use the reserved
    /// <c>02:00:00:00:00:00</c>; stricter than KubeVirt, no two interfaces of the VM share a MAC.
    /// </summary>
    public static readonly AdmissionRule MacInvalid = new(
        "VmMacInvalid",
        "macAddress is a 6-byte MAC, not 02:00:00:00:00:00 on masquerade, and unique within the VM.",
        RuleAction.Deny,
        "write the MAC as six hex pairs (02:00:00:aa:bb:01), unique in the VM, or remove macAddress");

    /// <summary><c>model</c> is unset or a model KubeVirt supports (<c>validateInterfaceModel</c>).</summary>
    public static readonly AdmissionRule ModelInvalid = new(
        "VmModelInvalid",
        "model is unset or one of e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139, virtio.",
        RuleAction.Deny,
        "set model to virtio (or another supported model), or remove it");

    /// <summary>
    /// A Multus <c>networkName</c> names no existing NAD. Only a warning on CREATE and for networks that are not
    /// hot-plugged: the NAD may arrive right after the VM (GitOps ordering). A hot-plug denies instead
    /// (<see cref="HotplugNadMissing"/>); the same network is never reported twice.
    /// </summary>
    public static readonly AdmissionRule NadMissing = new(
        "VmNadMissing",
        "Each Multus networkName names an existing NetworkAttachmentDefinition.",
        RuleAction.Warn,
        "create the NetworkAttachmentDefinition before the VM starts, or fix networkName");

    /// <summary>
    /// A Multus network names an existing Kube-OVN NAD, but no Subnet carries its canonical provider: the VM's pod gets
    /// no address (Kube-OVN 1.15.18 and later) or one from the wrong subnet (earlier). A warning, since the Subnet may
    /// follow; a hot-plug denies instead (<see cref="HotplugSubnetMissing"/>), and the same network is never reported twice.
    /// </summary>
    public static readonly AdmissionRule SubnetMissing = new(
        "VmSubnetMissing",
        "Each Multus network on a Kube-OVN NAD has a Subnet whose spec.provider is the NAD's canonical provider.",
        RuleAction.Warn,
        "create a Subnet with spec.provider <nad>.<namespace>.ovn (IPAM flavour: <nad>.<namespace>) before the VM starts");

    /// <summary>
    /// A hot-plugged interface's binding is in <c>Hotplug:AllowedBindings</c> (default bridge). KubeVirt only hot-plugs
    /// bridge in place; SR-IOV needs a live migration and other bindings are never plugged (kubevirt-facts.md §3).
    /// </summary>
    public static readonly AdmissionRule HotplugBindingUnsupported = new(
        "VmHotplugBindingUnsupported",
        "A hot-plugged interface uses a binding in Hotplug:AllowedBindings (default: bridge).",
        RuleAction.Deny,
        "hot-plug with bridge: {}, or add the interface while the VM is stopped");

    /// <summary>Hot-plugged NICs are virtio (KubeVirt user guide); any other model is refused.</summary>
    public static readonly AdmissionRule HotplugModelUnsupported = new(
        "VmHotplugModelUnsupported",
        "A hot-plugged interface's model is unset or virtio.",
        RuleAction.Deny,
        "remove model or set it to virtio, or add the interface while the VM is stopped");

    /// <summary>
    /// A new interface that is already <c>absent</c> is never plugged and KubeVirt strips it later; stricter than
    /// KubeVirt, it is refused.
    /// </summary>
    public static readonly AdmissionRule HotplugNewInterfaceAbsent = new(
        "VmHotplugNewInterfaceAbsent",
        "A hot-plugged interface does not start with state: absent.",
        RuleAction.Deny,
        "remove state: absent from the new interface, or do not add it");

    /// <summary>
    /// The NAD of a hot-plugged network, or of an existing network re-pointed at another NAD, exists; KubeVirt does not
    /// check and the attachment fails at run time.
    /// </summary>
    public static readonly AdmissionRule HotplugNadMissing = new(
        "VmHotplugNadMissing",
        "A hot-plugged (or re-pointed) network's NetworkAttachmentDefinition exists.",
        RuleAction.Deny,
        "create the NetworkAttachmentDefinition first, or fix multus.networkName");

    /// <summary>
    /// When the hot-plugged network's NAD is a Kube-OVN NAD, a Subnet carries its canonical provider; otherwise the
    /// VM's pod gets no address (or, before Kube-OVN 1.15.18, one from the wrong subnet).
    /// </summary>
    public static readonly AdmissionRule HotplugSubnetMissing = new(
        "VmHotplugSubnetMissing",
        "A hot-plugged (or re-pointed) Kube-OVN network has a Subnet whose spec.provider is the NAD's canonical provider.",
        RuleAction.Deny,
        "create a Subnet with spec.provider <nad>.<namespace>.ovn (IPAM flavour: <nad>.<namespace>) first");

    /// <summary>
    /// An existing interface keeps its binding, model, <c>macAddress</c> and <c>pciAddress</c>, and an existing network
    /// its source kind (pod or Multus), while the VM runs. KubeVirt accepts such edits but only flags RestartRequired.
    /// A changed Multus networkName is <see cref="NetworkReferenceChanged"/> instead.
    /// </summary>
    public static readonly AdmissionRule InterfaceChangedWhileRunning = new(
        "VmInterfaceChangedWhileRunning",
        "While the VM runs, an existing interface keeps its binding, model, MAC and PCI address, and a network its source kind.",
        RuleAction.Deny,
        "revert the change, or stop the VM, edit it and start it again");

    /// <summary>
    /// An existing Multus network of a running VM names another NAD. KubeVirt v1.9+ applies it by live migration
    /// (<c>LiveUpdateNADRef</c>), older versions after a restart, and not at all with the Multus dynamic-networks
    /// controller: a warning. The new NAD gets the hot-plug checks (<see cref="HotplugNadMissing"/>,
    /// <see cref="HotplugSubnetMissing"/>).
    /// </summary>
    public static readonly AdmissionRule NetworkReferenceChanged = new(
        "VmNetworkReferenceChanged",
        "A running VM's existing Multus network that names another NAD is reported (live update needs KubeVirt v1.9+).",
        RuleAction.Warn,
        "on KubeVirt before v1.9 restart the VM to apply the new networkName, or unplug the interface and hot-plug a new one");

    /// <summary>
    /// An <c>absent</c> interface does not come back while the VM runs: KubeVirt never turns an absent VMI interface
    /// back (<c>vmiIfaceCopy.State != absent</c> guard), so the edit would do nothing.
    /// </summary>
    public static readonly AdmissionRule UnplugReverted = new(
        "VmUnplugReverted",
        "An interface set to state: absent stays absent while the VM runs (the unplug is in flight).",
        RuleAction.Deny,
        "keep state: absent; once KubeVirt has removed the interface, hot-plug it again as a new interface");

    /// <summary>
    /// A plugged bridge interface removed outright unplugs nothing (KubeVirt only flags RestartRequired). The mutating
    /// webhook turns the removal into <c>state: absent</c>, re-adding the interface and its network from the old
    /// object; the validating webhook denies what arrives unrepaired. Removing an interface that was already absent
    /// (the clean-up after an unplug) is always allowed.
    /// </summary>
    public static readonly AdmissionRule InterfaceRemovedWithoutUnplug = new(
        "VmInterfaceRemovedWithoutUnplug",
        "A plugged bridge interface is unplugged with state: absent, not removed outright (mutated into state: absent).",
        RuleAction.Deny,
        "set state: absent on the interface and keep it and its network; KubeVirt removes both once unplugged",
        Mutates: true);

    /// <summary>A non-bridge interface removed from a running VM stays in the guest until a restart (RestartRequired).</summary>
    public static readonly AdmissionRule RemovalNeedsRestart = new(
        "VmRemovalNeedsRestart",
        "A removed interface that cannot be unplugged (not bridge, or on the default network) stays until restart.",
        RuleAction.Warn,
        "restart the VM to remove the NIC from the guest");

    /// <summary>
    /// More hot-plugged interfaces than KubeVirt reserves PCI slots for: 4 minus the interfaces the VM booted with
    /// (v1.4/v1.5 placeholders; later versions may reserve more). The extra NICs attach only after a restart or migration.
    /// </summary>
    public static readonly AdmissionRule HotplugCapacity = new(
        "VmHotplugCapacity",
        "Hot-plugged interfaces fit the PCI slots KubeVirt reserves (4 minus the interfaces the VM booted with).",
        RuleAction.Warn,
        "hot-plug fewer interfaces at once, or restart the VM so the new NICs become boot interfaces");

    /// <summary>
    /// Mutation: an interface set <c>absent</c> whose network the same edit removed gets the network back from the old
    /// object, so the unplug is valid (KubeVirt itself would reject the edit with <c>interfaces[i].name not found</c>).
    /// </summary>
    public static readonly AdmissionRule AbsentNetworkRestored = new(
        "VmAbsentNetworkRestored",
        "An interface set to state: absent keeps its network (mutation re-adds a network the same edit removed).",
        RuleAction.Deny,
        "keep the network of an absent interface; KubeVirt removes both once the unplug completes",
        Mutates: true,
        MutationOnly: true);

    /// <summary>
    /// Mutation: a hot-plugged interface with no binding, on a network that resolves to a Kube-OVN NAD, gets
    /// <c>bridge: {}</c> (the only binding KubeVirt hot-plugs in place).
    /// </summary>
    public static readonly AdmissionRule HotplugDefaultBridge = new(
        "VmHotplugDefaultBridge",
        "A hot-plugged interface on a Kube-OVN network without a binding gets bridge: {} (mutation).",
        RuleAction.Deny,
        "write bridge: {} on hot-plugged Kube-OVN interfaces yourself to make the intent explicit",
        Mutates: true,
        MutationOnly: true);
}

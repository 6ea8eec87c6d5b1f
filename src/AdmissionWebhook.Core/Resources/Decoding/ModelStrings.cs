namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// The values that nearly every object repeats in the fields the decoders read with <see cref="ModelReader.String(StringTable)"/>:
/// the reviewed kinds' apiVersion and kind, the usual namespace, KubeVirt's run strategies, interface states and
/// models and printable statuses, Kube-OVN's protocols. Any other value is read as usual.
/// </summary>
internal static class ModelStrings
{
    public static StringTable Known { get; } = new(
        "kubevirt.io/v1", "VirtualMachine", "k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition", "kubeovn.io/v1", "Subnet",
        "default",
        "Always", "RerunOnFailure", "Once", "Manual", "Halted", "WaitAsReceiver",
        VmInterface.StateAbsent, VmInterface.StateUp, VmInterface.StateDown, "virtio", "e1000", "e1000e", "rtl8139",
        "Running", "Stopped", "Starting", "Stopping", "Migrating", "Paused", "Provisioning", "Terminating", "Unknown",
        "IPv4", "IPv6", "Dual");
}

using System.Text.Json;
using System.Text.Json.Serialization;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Rules;

namespace AdmissionWebhook.Resources;

/// <summary>
/// Partial <c>kubevirt.io/v1</c> VirtualMachine: metadata, run state, the template's interfaces and networks, and
/// status. Unmodelled members are skipped while decoding (keeping them as JsonExtensionData cloned every one of them
/// per review, the largest cost of a review); mutations copy raw JSON and never re-serialise this model.
/// </summary>
/// <remarks>
/// The VM models' properties have setters, not <c>init</c>: the JSON source generator fills <c>init</c> properties through
/// its parameterized-constructor path, an ArgumentState and argument buffers per object, which was a quarter of a
/// 6,000-interface review's allocations and 1.1 KB of an ordinary one. Nothing writes them after decoding: a model is
/// read-only by convention (the name index is built once per object).
/// </remarks>
public sealed record VirtualMachine : KubernetesObject, IAdmissionResource<VirtualMachine>
{
    public static ResourceDescriptor<VirtualMachine> Descriptor { get; } = new(
        "kubevirt.io", "v1", "VirtualMachine", "virtualmachines", Namespaced: true,
        ValidateOperations: new HashSet<AdmissionOperation> { AdmissionOperation.Create, AdmissionOperation.Update },
        MutateOperations: new HashSet<AdmissionOperation> { AdmissionOperation.Create, AdmissionOperation.Update },
        Decoding.ResourceDecoding.DecodeVirtualMachine);

    [JsonPropertyName("spec")]
    public VirtualMachineSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public VirtualMachineStatus? Status { get; set; }

    /// <summary><c>spec.template.spec.domain.devices.interfaces</c>, empty when absent.</summary>
    [JsonIgnore]
    [FieldPath(VirtualMachineFields.Interfaces)]
    public IReadOnlyList<VmInterface> Interfaces => ScannedInPlace(DecodedInterfaces) ?? Index.Interfaces;

    /// <summary><c>spec.template.spec.networks</c>, empty when absent.</summary>
    [JsonIgnore]
    [FieldPath(VirtualMachineFields.Networks)]
    public IReadOnlyList<VmNetwork> Networks => ScannedInPlace(DecodedNetworks) ?? Index.Networks;

    private IReadOnlyList<VmInterface>? DecodedInterfaces => Spec?.Template?.Spec?.Domain?.Devices?.Interfaces;

    private IReadOnlyList<VmNetwork>? DecodedNetworks => Spec?.Template?.Spec?.Networks;

    // A list as decoded when it is short and holds no null: it is read and searched in place, so the usual VM (a handful of
    // NICs) never builds its name index (an index and its slot per object, two objects per UPDATE). Checking a short list
    // for nulls on every read costs a few comparisons; a longer one is indexed once, so no rule's loop turns quadratic.
    private static IReadOnlyList<T>? ScannedInPlace<T>(IReadOnlyList<T>? items) where T : class
    {
        if (items is null)
        {
            return [];
        }
        if (items.Count > VmNameIndex.ScanLimit)
        {
            return null;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return null;
            }
        }
        return items;
    }

    // A JSON null element decodes to null; an empty entry keeps the indices (field paths, patch pointers) aligned with
    // the JSON while sparing every rule a null check. The API server's schema check rejects such objects later anyway.
    // Computed once per object (rules read the lists once per element).
    private static IReadOnlyList<T> WithoutNulls<T>(IReadOnlyList<T>? items, T empty) where T : class
    {
        if (items is null)
        {
            return [];
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                var copy = new T[items.Count];
                for (var j = 0; j < copy.Length; j++)
                {
                    copy[j] = items[j] ?? empty;
                }
                return copy;
            }
        }
        return items;
    }

    // The index lives in a field, not in a static ConditionalWeakTable keyed by the object: every entry of such a table
    // is a dependent GC handle, which every collection (gen0 included) scans, and dead entries keep theirs until the
    // table is resized. A sustained load left enough of them that each gen0 collection took 20-30 ms instead of 2 ms,
    // the p99 tail at 1,000 reviews/s after a saturation (docs/performance.md, "The p99 tail at 1,000 reviews/s").
    // Never null, so the record's equality always compares two slots (which are all equal).
    private NameIndexSlot _nameIndex = NameIndexSlot.Unbuilt;

    private VmNameIndex Index
    {
        get
        {
            // A `with` copy starts with its original's slot: the slot names its owner, so the copy builds its own.
            // Two threads may both build it; either result is the same index.
            var slot = _nameIndex;
            if (!ReferenceEquals(slot.Owner, this))
            {
                slot = new NameIndexSlot(this, new VmNameIndex(
                    WithoutNulls(DecodedInterfaces, VmInterface.Empty),
                    WithoutNulls(DecodedNetworks, VmNetwork.Empty)));
                _nameIndex = slot;
            }
            return slot.Index;
        }
    }

    /// <summary>
    /// True when this object says a VMI exists (docs/rules.md, "Running VM"). The status decides when it says anything
    /// (<c>created</c> or <c>printableStatus</c>): KubeVirt's controller keeps it current. Without such a status (a VM
    /// the controller has not reconciled yet) the desired run state decides.
    /// </summary>
    [JsonIgnore]
    public bool HasRunningInstance => Status is { } status && (status.Created is not null || !string.IsNullOrEmpty(status.PrintableStatus))
        ? status.Created == true || VirtualMachineStatus.RunningPrintableStatuses.Contains(status.PrintableStatus ?? string.Empty)
        : Spec?.Running == true || VirtualMachineSpec.RunningStrategies.Contains(Spec?.RunStrategy ?? string.Empty);

    /// <summary>The first interface with this name, and its index; null when there is none.</summary>
    public (int Index, VmInterface Interface)? FindInterface(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        if (ScannedInPlace(DecodedInterfaces) is { } interfaces)
        {
            return VmNameIndex.Scan(interfaces, name, static iface => iface.Name) is { } found ? (found, interfaces[found]) : null;
        }
        var index = Index;
        return index.InterfaceIndex(name) is { } i ? (i, index.Interfaces[i]) : null;
    }

    /// <summary>The first network with this name, and its index; null when there is none.</summary>
    public (int Index, VmNetwork Network)? FindNetwork(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        if (ScannedInPlace(DecodedNetworks) is { } networks)
        {
            return VmNameIndex.Scan(networks, name, static network => network.Name) is { } found ? (found, networks[found]) : null;
        }
        var index = Index;
        return index.NetworkIndex(name) is { } i ? (i, index.Networks[i]) : null;
    }
}

/// <summary>Field paths (dotted, as in status causes) and JSON pointers of the VM members the rules touch.</summary>
public static class VirtualMachineFields
{
    public const string Interfaces = "spec.template.spec.domain.devices.interfaces";
    public const string Networks = "spec.template.spec.networks";
    public const string InterfacesPointer = "/spec/template/spec/domain/devices/interfaces";
    public const string NetworksPointer = "/spec/template/spec/networks";
}

public sealed record VirtualMachineSpec
{
    /// <summary>Deprecated in favour of <see cref="RunStrategy"/>, still honoured by KubeVirt.</summary>
    [JsonPropertyName("running")]
    public bool? Running { get; set; }

    [JsonPropertyName("runStrategy")]
    public string? RunStrategy { get; set; }

    /// <summary>Run strategies under which KubeVirt keeps (or starts) a VMI.</summary>
    public static IReadOnlySet<string> RunningStrategies { get; } = new HashSet<string>(StringComparer.Ordinal) { "Always", "RerunOnFailure", "Once" };

    [JsonPropertyName("template")]
    public VmTemplate? Template { get; set; }

}

public sealed record VmTemplate
{
    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public VmiSpec? Spec { get; set; }

}

public sealed record VmiSpec
{
    [JsonPropertyName("domain")]
    public VmDomain? Domain { get; set; }

    [JsonPropertyName("networks")]
    public IReadOnlyList<VmNetwork>? Networks { get; set; }

}

public sealed record VmDomain
{
    [JsonPropertyName("devices")]
    public VmDevices? Devices { get; set; }

}

public sealed record VmDevices
{
    [JsonPropertyName("interfaces")]
    public IReadOnlyList<VmInterface>? Interfaces { get; set; }

}

/// <summary>The VM status fields that tell whether a VMI exists.</summary>
public sealed record VirtualMachineStatus
{
    [JsonPropertyName("created")]
    public bool? Created { get; set; }

    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    [JsonPropertyName("printableStatus")]
    public string? PrintableStatus { get; set; }

    /// <summary>Printable statuses of a VM whose VMI exists.</summary>
    public static IReadOnlySet<string> RunningPrintableStatuses { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "Starting", "Running", "Migrating", "Paused", "Stopping" };

}

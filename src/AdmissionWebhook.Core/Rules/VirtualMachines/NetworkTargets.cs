using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// The cluster view's answer for every Multus network of the VM under validation, looked up once per request before
/// the rules run (<see cref="VirtualMachineValidator"/>), so that the NAD rules and the hot-plug rules read the same
/// answer synchronously. Indexed like <see cref="VirtualMachine.Networks"/>.
/// </summary>
public sealed class NetworkTargets
{
    private const string ContextKey = "vm-network-targets";

    /// <summary>Networks up to this many keep their targets in one array; beyond, it would be on the large-object heap.</summary>
    private const int ArrayLimit = 1_024;

    private readonly NetworkTarget?[] _targets;
    private readonly Patching.SegmentedList<NetworkTarget?>? _manyTargets;
    private readonly bool[] _pending;

    private NetworkTargets(int count)
    {
        _targets = count is 0 or > ArrayLimit ? [] : new NetworkTarget?[count];
        if (count > ArrayLimit)
        {
            _manyTargets = new();
            for (var i = 0; i < count; i++)
            {
                _manyTargets.Add(null);
            }
        }
        _pending = count == 0 ? [] : new bool[count];
    }

    /// <summary>The network's target; null for a network without a readable Multus reference.</summary>
    public NetworkTarget? this[int networkIndex]
    {
        get => _manyTargets is not null ? _manyTargets[networkIndex] : _targets[networkIndex];
        private set
        {
            if (_manyTargets is not null)
            {
                _manyTargets[networkIndex] = value;
            }
            else
            {
                _targets[networkIndex] = value;
            }
        }
    }

    /// <summary>The targets of the request under validation; prepared by <see cref="VirtualMachineValidator"/>.</summary>
    public static NetworkTargets Of(ValidationContext<VirtualMachine> context) =>
        context.RootContextData.TryGetValue(ContextKey, out var value) && value is NetworkTargets targets
            ? targets
            : throw new InvalidOperationException("the VM's network targets were not looked up before the rules ran");

    /// <summary>Looks every reference up from memory; false when one needs <see cref="CompleteAsync"/>.</summary>
    public static bool TryPrepare(ValidationContext<VirtualMachine> context, INadLookup nads, ISubnetLookup subnets)
    {
        if (context.RootContextData.TryGetValue(ContextKey, out var value) && value is NetworkTargets prepared)
        {
            return !prepared.HasPending;
        }
        var edit = VmEdit.Of(context);
        var networks = edit.Current.Networks;
        var targets = new NetworkTargets(networks.Count);
        for (var i = 0; i < networks.Count; i++)
        {
            if (edit.ReferenceOf(networks[i]) is not { } reference)
            {
                continue;
            }
            if (nads.TryFindNad(reference.Key, out var nad))
            {
                targets[i] = Target(reference, nad, subnets);
            }
            else
            {
                targets._pending[i] = true;
            }
        }
        context.RootContextData[ContextKey] = targets;
        return !targets.HasPending;
    }

    /// <summary>Asks the cluster view, asynchronously, what <see cref="TryPrepare"/> could not answer from memory.</summary>
    public static async ValueTask CompleteAsync(ValidationContext<VirtualMachine> context, INadLookup nads, ISubnetLookup subnets, CancellationToken cancellationToken)
    {
        var targets = Of(context);
        var edit = VmEdit.Of(context);
        for (var i = 0; i < targets._pending.Length; i++)
        {
            if (!targets._pending[i] || edit.ReferenceOf(edit.Current.Networks[i]) is not { } reference)
            {
                continue;
            }
            var nad = await nads.FindNadAsync(reference.Key, cancellationToken);
            targets[i] = Target(reference, nad, subnets);
            targets._pending[i] = false;
        }
    }

    private bool HasPending => Array.IndexOf(_pending, true) >= 0;

    private static NetworkTarget Target(NetworkReference reference, NadInfo? nad, ISubnetLookup subnets) =>
        new(reference, nad, nad?.CanonicalProvider is { } provider && subnets.FindSubnetsByProvider(provider.ToString()).Count == 0);
}

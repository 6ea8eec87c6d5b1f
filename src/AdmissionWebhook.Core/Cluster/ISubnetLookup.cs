namespace AdmissionWebhook.Cluster;

/// <summary>Read-only Subnet lookups for the rules. Answers come from memory.</summary>
public interface ISubnetLookup
{
    /// <summary>Subnets whose <c>spec.provider</c> equals <paramref name="provider"/> exactly.</summary>
    /// <exception cref="LookupUnavailableException">The cluster view cannot answer.</exception>
    IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider);

    /// <summary>Every Subnet.</summary>
    /// <exception cref="LookupUnavailableException">The cluster view cannot answer.</exception>
    IReadOnlyCollection<SubnetInfo> AllSubnets();
}

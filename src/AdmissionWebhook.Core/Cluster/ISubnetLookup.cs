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

    /// <summary>
    /// Subnets in <paramref name="subnet"/>'s VPC-and-vlan scope whose <c>cidrBlock</c> shares addresses with its own
    /// (a Subnet of the same name included), in no particular order. Every view answers from a
    /// <see cref="SubnetCidrIndex"/> it keeps up to date: no default walks every Subnet per review.
    /// </summary>
    /// <exception cref="LookupUnavailableException">The cluster view cannot answer.</exception>
    IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet);
}

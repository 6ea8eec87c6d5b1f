namespace AdmissionWebhook.Cluster;

/// <summary>Where the cluster view comes from, and whether it can answer yet.</summary>
public interface IClusterSource : INadLookup, ISubnetLookup
{
    /// <summary>True once every cache holds a complete view (readiness).</summary>
    bool IsSynced { get; }

    /// <summary>A short description for logs and readiness output.</summary>
    string Description { get; }
}

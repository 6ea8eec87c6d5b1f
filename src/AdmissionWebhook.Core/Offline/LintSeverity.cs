namespace AdmissionWebhook.Offline;

/// <summary>How a finding affects the verdict.</summary>
public enum LintSeverity
{
    /// <summary>The webhook would deny the object.</summary>
    Error,

    /// <summary>The webhook would admit the object with a warning.</summary>
    Warning,

    /// <summary>The webhook would admit the object changed: the manifest in Git would drift from the cluster
    /// (<c>lint --fix</c> writes the change).</summary>
    Fixable,
}

namespace AdmissionWebhook;

/// <summary>
/// Host settings, bound from the <c>Webhook</c> configuration section (appsettings, <c>Webhook__Port</c> environment
/// variables, or the command-line switches in <see cref="SwitchMappings"/>).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>controller-runtime's cap: object and oldObject of up to 3 MiB each (the API server's own request
    /// limit) plus 1 MiB of envelope. Kestrel's default (about 28.6 MB) would let a client tie up far more memory.</summary>
    public const long MaxRequestBodyBytes = 7 * 1024 * 1024;

    /// <summary>Request bytes Kestrel reads ahead of the webhook per connection (README "Memory"); its default is 1 MiB.</summary>
    public const long MaxUnreadBodyBytesPerConnection = 64 * 1024;

    /// <summary>Command-line switches documented in the README.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--port"] = "Webhook:Port",
        ["--tls-cert"] = "Webhook:TlsCert",
        ["--tls-key"] = "Webhook:TlsKey",
        ["--manifests"] = "Webhook:Manifests",
        ["--kubeconfig"] = "Webhook:Kubeconfig",
        ["--metrics-port"] = "Webhook:MetricsPort",
    };

    /// <summary>HTTPS port (0 picks a free one, for tests).</summary>
    public int Port { get; set; } = 8443;

    /// <summary>PEM certificate (chain) file; with <see cref="TlsKey"/>, reloaded when it changes.</summary>
    public string? TlsCert { get; set; }

    /// <summary>PEM private key file.</summary>
    public string? TlsKey { get; set; }

    /// <summary>How often the certificate files are polled besides the file watcher (symlink swaps can be missed).</summary>
    public TimeSpan CertificatePollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Folder of manifests that stands in for the cluster when there is no API server.</summary>
    public string? Manifests { get; set; }

    /// <summary>Kubeconfig of the cluster to watch (the live-cluster source).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Plain-HTTP port for /metrics, off when unset.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Users whose requests skip the update-only VM rules and the VM mutations.</summary>
    public IList<string> ExemptUsers { get; } = [];

    /// <summary>The cluster's own controllers, never denied (empty: the defaults in <see cref="Rules.AdmissionPolicy.DefaultSystemUsers"/>).</summary>
    public IList<string> SystemUsers { get; } = [];

    /// <summary>The socket filled into Kube-OVN NADs that lack <c>server_socket</c>.</summary>
    public string? DefaultServerSocket { get; set; }

    /// <summary>Where the development CA is written when no certificate is configured.</summary>
    public string? DevelopmentCaPath { get; set; }

    /// <summary>Safety margin taken off the API server's <c>?timeout=</c> so our answer still arrives in time.</summary>
    public TimeSpan DeadlineMargin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the webhook keeps serving after SIGTERM before Kestrel stops, so that calls routed to this
    /// Pod while the endpoints drain still get answers (see <see cref="Hosting.ShutdownDelay"/>). Not applied in the
    /// Development environment; a second Ctrl+C ends it. Tests set 0.</summary>
    public TimeSpan ShutdownDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Heap bytes the reviews in flight may take (README "Memory"): each review is charged its body times
    /// <see cref="Admission.ReviewHeapCost"/>'s factor. Unset: half the GC heap limit. At least 16 MiB.
    /// </summary>
    public long? RequestMemoryBudgetBytes { get; set; }

    /// <summary>How long a request waits for room in the budget before it is answered 503 with Retry-After.</summary>
    public TimeSpan RequestMemoryWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The manifests folder to use: the configured one, else the examples shipped beside the binary.</summary>
    public string ResolveManifestsDirectory() =>
        !string.IsNullOrEmpty(Manifests) ? Manifests : Path.Combine(AppContext.BaseDirectory, "examples");
}

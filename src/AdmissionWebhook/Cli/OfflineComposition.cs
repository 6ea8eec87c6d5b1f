using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Cluster.Kubernetes;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Offline;

namespace AdmissionWebhook.Cli;

/// <summary>
/// The offline tools' composition: the server's own (<see cref="WebhookServiceCollectionExtensions.AddAdmissionWebhook"/>,
/// so every rule, mutator, policy setting and reviewer is the server's), with the cluster source replaced, after it,
/// by the manifests given on the command line (over the live cluster of <c>--kubeconfig</c> when given).
/// </summary>
internal static class OfflineComposition
{
    /// <summary>Settings as the server reads them: appsettings.json beside the binary, environment variables, then
    /// each <c>--config</c> file (later wins), plus <c>Webhook:Kubeconfig</c> when a kubeconfig is given.</summary>
    public static IConfiguration Configuration(IEnumerable<string> configFiles, string? kubeconfig)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        foreach (var file in configFiles)
        {
            if (!File.Exists(file))
            {
                throw new ManifestException(file, null, "no such configuration file");
            }
            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }
        if (kubeconfig is not null)
        {
            builder.AddInMemoryCollection([new KeyValuePair<string, string?>("Webhook:Kubeconfig", kubeconfig)]);
        }
        return builder.Build();
    }

    /// <summary>
    /// The server's services with <paramref name="manifests"/> as the cluster. Without a live cluster, an
    /// <see cref="IClusterSource"/> registered after the app's own serves the manifests. With one, the app's own
    /// source (the one <c>Webhook:Kubeconfig</c> selects) stays the <see cref="IClusterSource"/> (started by
    /// <see cref="StartLiveCluster"/>), and the rules' lookups are re-registered to ask the manifests first.
    /// </summary>
    public static ServiceProvider Build(IConfiguration configuration, ClusterSnapshot manifests, string description, bool useLiveCluster)
    {
        var services = new ServiceCollection();
        // The host registers its configuration as a service; options bound with BindConfiguration read it from there.
        services.AddSingleton(configuration);
        services.AddLogging().AddAdmissionWebhook(configuration);
        if (useLiveCluster)
        {
            services.AddSingleton(provider => new ManifestClusterView(manifests, description, LiveSource(provider)));
            services.AddSingleton<INadLookup>(provider => provider.GetRequiredService<ManifestClusterView>());
            services.AddSingleton<ISubnetLookup>(provider => provider.GetRequiredService<ManifestClusterView>());
        }
        else
        {
            services.AddSingleton<IClusterSource>(new ManifestClusterView(manifests, description));
            services.AddSingleton(provider => (ManifestClusterView)provider.GetRequiredService<IClusterSource>());
        }
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    /// <summary>Starts the live cluster view's list-and-watch loops, as the app's hosted service does; dispose the
    /// returned handle to stop them.</summary>
    public static IAsyncDisposable StartLiveCluster(IServiceProvider provider)
    {
        var live = provider.GetRequiredService<ManifestClusterView>().Live as KubernetesClusterSource;
        live?.Start();
        return new LiveClusterHandle(live);
    }

    public static AdmissionPipeline Pipeline(IServiceProvider provider) => new(provider.GetServices<IAdmissionReviewer>());

    public static ManifestClusterView ClusterView(IServiceProvider provider) => provider.GetRequiredService<ManifestClusterView>();

    private static IClusterSource LiveSource(IServiceProvider provider)
    {
        IClusterSource source;
        try
        {
            source = provider.GetRequiredService<IClusterSource>();
        }
        catch (Exception e) when (e is not (CliUsageException or OperationCanceledException))
        {
            // An unreadable kubeconfig, an unreachable server named in it: the command line's fault, not a bug.
            throw new CliUsageException($"--kubeconfig: the cluster view cannot be set up: {e.Message}");
        }
        if (source is ManifestClusterSource)
        {
            throw new CliUsageException("--kubeconfig did not select a live cluster (is the path empty?)");
        }
        return source;
    }
}

/// <summary>Stops the live cluster view's loops (nothing to do without one).</summary>
file sealed class LiveClusterHandle(KubernetesClusterSource? live) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (live is not null)
        {
            await live.StopAsync();
        }
    }
}

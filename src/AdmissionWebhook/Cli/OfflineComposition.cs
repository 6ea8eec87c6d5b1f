using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
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

    /// <summary>The server's services with <paramref name="manifests"/> as the cluster; with <paramref name="useLiveCluster"/>
    /// the app's own cluster source (the one <c>Webhook:Kubeconfig</c> selects) answers below the manifests.</summary>
    public static ServiceProvider Build(IConfiguration configuration, ClusterSnapshot manifests, string description, bool useLiveCluster)
    {
        var services = new ServiceCollection();
        services.AddLogging().AddAdmissionWebhook(configuration);
        var appSource = services.Last(d => d.ServiceType == typeof(IClusterSource));
        services.AddSingleton<IClusterSource>(provider =>
            new ManifestClusterView(manifests, description, useLiveCluster ? LiveSource(provider, appSource) : null));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public static AdmissionPipeline Pipeline(IServiceProvider provider) => new(provider.GetServices<IAdmissionReviewer>());

    public static ManifestClusterView ClusterView(IServiceProvider provider) => (ManifestClusterView)provider.GetRequiredService<IClusterSource>();

    private static IClusterSource LiveSource(IServiceProvider provider, ServiceDescriptor descriptor)
    {
        var source = descriptor switch
        {
            { ImplementationInstance: IClusterSource instance } => instance,
            { ImplementationFactory: { } factory } => (IClusterSource)factory(provider),
            { ImplementationType: { } type } => (IClusterSource)ActivatorUtilities.CreateInstance(provider, type),
            _ => throw new InvalidOperationException("the app registers no cluster source"),
        };
        if (source is ManifestClusterSource)
        {
            throw new CliUsageException("--kubeconfig: this build has no live-cluster source (Webhook:Kubeconfig is not wired up yet)");
        }
        return source;
    }
}

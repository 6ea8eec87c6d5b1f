using AdmissionWebhook.Admission;
using AdmissionWebhook.Certificates;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Cluster.Kubernetes;
using AdmissionWebhook.Health;
using AdmissionWebhook.Hosting;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.NetworkAttachmentDefinitions;
using AdmissionWebhook.Rules.Subnets;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Telemetry;
using FluentValidation;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook;

/// <summary>The composition of the webhook: options, policy, cluster view, validators, mutators, reviewers.</summary>
internal static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddAdmissionWebhook(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.TryAddSingletonTimeProvider();
        services.AddSingleton(provider => CreatePolicy(configuration, provider.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddClusterSource();
        services.AddSingleton<INadLookup>(provider => provider.GetRequiredService<IClusterSource>());
        services.AddSingleton<ISubnetLookup>(provider => provider.GetRequiredService<IClusterSource>());

        // Validators and mutators are singletons: their only dependencies are singleton lookups, so rule trees
        // are built once instead of per request.
        services.AddSingleton<IValidator<VirtualMachine>, VirtualMachineValidator>();
        services.AddSingleton<IValidator<NetworkAttachmentDefinition>, NadValidator>();
        services.AddSingleton<IValidator<Subnet>, SubnetValidator>();
        services.AddSingleton<IAdmissionMutator<VirtualMachine>, VirtualMachineMutator>();
        services.AddSingleton<IAdmissionMutator<NetworkAttachmentDefinition>, NadMutator>();
        services.AddSingleton<IAdmissionMutator<Subnet>, SubnetMutator>();
        services.AddSingleton<IAdmissionReviewer, AdmissionReviewer<VirtualMachine>>();
        services.AddSingleton<IAdmissionReviewer, AdmissionReviewer<NetworkAttachmentDefinition>>();
        services.AddSingleton<IAdmissionReviewer, AdmissionReviewer<Subnet>>();

        services.AddSingleton<AdmissionHttpHandler>();
        services.AddSingleton(provider => new RequestMemoryBudget(
            Math.Max(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestMemoryBudgetBytes, WebhookOptions.MaxRequestBodyBytes)));
        services.AddWebhookInstruments();
        services.AddServingCertificate();
        services.TryAddSingleton<IStopSignals, PosixStopSignals>();
        services.AddHostedService<ShutdownDelay>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("certificate-and-cluster", tags: [ReadinessCheck.Tag]);
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>
    /// The cluster view: the API server (in a pod, or with <c>--kubeconfig</c> / <c>KUBECONFIG</c>) or a manifests
    /// folder, chosen by <see cref="ClusterSourceChoice.Choose"/> (docs/cluster-view.md).
    /// </summary>
    private static IServiceCollection AddClusterSource(this IServiceCollection services)
    {
        services.AddOptions<ClusterViewOptions>().BindConfiguration(ClusterViewOptions.Section);
        services.AddSingleton<IClusterSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            var choice = ClusterSourceChoice.Choose(options.Kubeconfig, options.Manifests, KubernetesClientConfiguration.IsInCluster(),
                Environment.GetEnvironmentVariable("KUBECONFIG"));
            if (choice.Kind == ClusterSourceKind.Manifests)
            {
                return new ManifestClusterSource(options.ResolveManifestsDirectory(), TimeSpan.FromSeconds(5),
                    provider.GetRequiredService<ILogger<ManifestClusterSource>>(), time);
            }
            return KubernetesClusterSourceFactory.Create(choice, provider.GetRequiredService<IOptions<ClusterViewOptions>>().Value,
                provider.GetRequiredService<ILoggerFactory>(), time);
        });
        services.AddSingleton(provider => provider.GetRequiredService<IClusterSource>() as IClusterViewStatistics ?? NoClusterViewStatistics.Instance);
        services.AddHostedService<ClusterSourceHostedService>();
        return services;
    }

    /// <summary>Reads <c>Rules:&lt;Code&gt;</c>, <c>Webhook:ExemptUsers</c>, <c>Webhook:SystemUsers</c>, <c>Webhook:DefaultServerSocket</c> and
    /// <c>Hotplug:AllowedBindings</c>; an unknown rule code or action stops start-up.</summary>
    internal static AdmissionPolicy CreatePolicy(IConfiguration configuration, WebhookOptions options)
    {
        var overrides = new Dictionary<string, RuleAction>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection("Rules").GetChildren())
        {
            if (!RuleCatalog.TryGet(entry.Key, out _))
            {
                throw new OptionsValidationException("Rules", typeof(AdmissionPolicy), [$"Rules:{entry.Key}: no rule has this code"]);
            }
            if (!Enum.TryParse<RuleAction>(entry.Value, ignoreCase: true, out var action) || !Enum.IsDefined(action))
            {
                throw new OptionsValidationException("Rules", typeof(AdmissionPolicy), [$"Rules:{entry.Key}: \"{entry.Value}\" is not Deny, Warn or Off"]);
            }
            overrides[entry.Key] = action;
        }
        var bindings = configuration.GetSection("Hotplug:AllowedBindings").Get<string[]>();
        return new AdmissionPolicy(
            overrides,
            options.ExemptUsers.Count > 0 ? options.ExemptUsers : null,
            options.DefaultServerSocket,
            bindings is { Length: > 0 } ? bindings : null,
            options.SystemUsers.Count > 0 ? options.SystemUsers : null);
    }
}

using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The Deployment against the app: its arguments and environment, bound the way Program.cs binds them, name the
/// container port and the mounted certificate; and the availability and hardening the issue asks for.
/// </summary>
public sealed class DeploymentManifestTests
{
    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_app_listens_on_the_container_port_the_service_targets(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var options = BindOptions(manifests.Container);
        var https = Assert.Single(manifests.Container.Ports, p => p.Name == "https");
        Assert.Equal(options.Port, https.ContainerPort);
        Assert.Equal(options.MetricsPort, Assert.Single(manifests.Container.Ports, p => p.Name == "metrics").ContainerPort);
        Assert.Equal(2, manifests.Container.Ports.Count);
        Assert.Equal(new WebhookOptions().Port, https.ContainerPort);
        Assert.Equal(https.Name, Assert.Single(manifests.Service.Spec.Ports).TargetPort.Value);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_app_reads_its_certificate_from_the_mounted_secret_directory(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var options = BindOptions(manifests.Container);
        var volume = Assert.Single(manifests.Deployment.Spec.Template.Spec.Volumes, v => v.Secret is not null);
        var mount = Assert.Single(manifests.Container.VolumeMounts, m => m.Name == volume.Name);
        Assert.True(mount.ReadOnlyProperty);
        // A subPath mount is never updated when the Secret changes: the webhook would never see a renewed certificate.
        Assert.All(manifests.Container.VolumeMounts, m => Assert.Null(m.SubPath));
        Assert.Equal(Path.Combine(mount.MountPath, "tls.crt"), options.TlsCert);
        Assert.Equal(Path.Combine(mount.MountPath, "tls.key"), options.TlsKey);
        Assert.Null(volume.Secret.Items);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_cluster_view_is_left_to_the_in_cluster_configuration(string overlay)
    {
        // Neither --manifests nor --kubeconfig: in a pod the app watches its own cluster with the service
        // account's token (which must therefore be mounted), never the example manifests shipped in the image.
        var manifests = Manifests.Overlay(overlay);
        var options = BindOptions(manifests.Container);
        Assert.Null(options.Manifests);
        Assert.Null(options.Kubeconfig);
        Assert.DoesNotContain(manifests.Container.Env ?? [], e => e.Name == "KUBECONFIG");
        Assert.True(manifests.Deployment.Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.NotEqual(false, manifests.Single<V1ServiceAccount>().AutomountServiceAccountToken);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Termination_grace_outlasts_the_shutdown_delay_and_the_longest_webhook_timeout(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var options = BindOptions(manifests.Container);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ShutdownDelay);
        var longestTimeout = manifests.Validating.Webhooks.Select(h => h.TimeoutSeconds ?? 10)
            .Concat(manifests.Mutating.Webhooks.Select(h => h.TimeoutSeconds ?? 10)).Max();
        var grace = manifests.Deployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30;
        Assert.True(grace > options.ShutdownDelay.TotalSeconds + longestTimeout,
            $"terminationGracePeriodSeconds {grace} must exceed the {options.ShutdownDelay.TotalSeconds} s delay plus a {longestTimeout} s review");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Three_replicas_spread_over_nodes_and_zones_with_a_disruption_budget(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var spec = manifests.Deployment.Spec;
        var podLabels = spec.Template.Metadata.Labels;
        Assert.Equal(3, spec.Replicas);
        Assert.Equal("0", spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(Selects(spec.Selector, podLabels));

        var spread = spec.Template.Spec.TopologySpreadConstraints;
        var byHost = Assert.Single(spread, c => c.TopologyKey == "kubernetes.io/hostname");
        var byZone = Assert.Single(spread, c => c.TopologyKey == "topology.kubernetes.io/zone");
        Assert.Equal("DoNotSchedule", byHost.WhenUnsatisfiable);
        Assert.Equal("ScheduleAnyway", byZone.WhenUnsatisfiable);
        Assert.All(spread, c => Assert.True(Selects(c.LabelSelector, podLabels)));
        Assert.All(spread, c => Assert.Equal(1, c.MaxSkew));

        var budget = manifests.Single<V1PodDisruptionBudget>();
        Assert.True(Selects(budget.Spec.Selector, podLabels));
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.Null(budget.Spec.MinAvailable);

        Assert.All(manifests.Service.Spec.Selector, label => Assert.Equal(label.Value, podLabels[label.Key]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_have_a_rendered_priority_class_and_resource_requests(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var priority = manifests.Named<V1PriorityClass>(manifests.Deployment.Spec.Template.Spec.PriorityClassName);
        Assert.False(priority.GlobalDefault ?? false);
        Assert.InRange(priority.Value ?? 0, 1, 1_000_000_000);
        var resources = manifests.Container.Resources;
        Assert.True(resources.Requests.ContainsKey("cpu"));
        Assert.True(resources.Requests.ContainsKey("memory"));
        Assert.True(resources.Limits.ContainsKey("memory"));
        // No CPU limit: throttling shows up as admission latency.
        Assert.False(resources.Limits.ContainsKey("cpu"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_image_is_set_by_the_kustomization_images_entry(string overlay)
    {
        // deploy/README.md tells platform teams to override this name with their own registry and tag; the tag
        // shipped is the project's version.
        Assert.Equal($"registry.example.com/admission-webhook:{AdmissionWebhook.Hosting.BuildInfo.Version}", Manifests.Overlay(overlay).Container.Image);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_run_unprivileged_on_a_read_only_root_filesystem(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var pod = manifests.Deployment.Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(pod.SecurityContext.RunAsUser > 0);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var container = manifests.Container.SecurityContext;
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.RunAsNonRoot);
        Assert.Null(container.Privileged);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        // The read-only root needs a writable /tmp for .NET.
        var tmp = Assert.Single(manifests.Container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        Assert.Equal("restricted", manifests.Single<V1Namespace>().Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    /// <summary>The container's environment and arguments bound as Program.cs binds them (same switch mappings).</summary>
    internal static WebhookOptions BindOptions(V1Container container)
    {
        var environment = (container.Env ?? []).Select(e => KeyValuePair.Create(e.Name.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment)
            .AddCommandLine([.. container.Args ?? []], WebhookOptions.SwitchMappings.ToDictionary())
            .Build();
        var options = new WebhookOptions();
        configuration.GetSection(WebhookOptions.Section).Bind(options);
        return options;
    }

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        selector.MatchExpressions is null && selector.MatchLabels.Count > 0
        && selector.MatchLabels.All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value);
}

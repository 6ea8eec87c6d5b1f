using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>The app's own composition root (no web host), with a given configuration and cluster.</summary>
public static class TestServices
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null, IClusterSource? cluster = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAdmissionWebhook(configuration);
        services.AddSingleton(cluster ?? new SwappableClusterSource());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The reviewer the endpoints use for <typeparamref name="T"/>.</summary>
    public static IAdmissionReviewer Reviewer<T>(this IServiceProvider services) where T : class, IAdmissionResource<T> =>
        services.GetServices<IAdmissionReviewer>().Single(r => r.PathFor(WebhookKind.Validate) == T.Descriptor.ValidatePath);
}

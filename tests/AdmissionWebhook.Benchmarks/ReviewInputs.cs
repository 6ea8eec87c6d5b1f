using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Manifests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Benchmarks;

/// <summary>The seed's objects and reviews, read from deploy/examples, and the app's own composition over a cluster.</summary>
internal static class ReviewInputs
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "deploy", "examples");

    /// <summary>The seed's hot-plug review (the load test's body).</summary>
    public static byte[] HotplugReview() => File.ReadAllBytes(Path.Combine(Examples, "reviews", "hotplug-dyniface1.json"));

    /// <summary>A CREATE review of the example manifest of <paramref name="kind"/>.</summary>
    public static byte[] CreateReview(string kind, string group, string resource)
    {
        var document = ManifestReader.ReadDirectory(Examples).Single(d => d.Kind == kind);
        var meta = document.Object["metadata"]!;
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "5b0f0e2c-0000-4000-8000-000000000001",
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["resource"] = resource },
                ["operation"] = "CREATE",
                ["name"] = meta["name"]!.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["userInfo"] = new JsonObject { ["username"] = "alice", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = document.Object.DeepClone(),
                ["oldObject"] = null,
                ["dryRun"] = false,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(review, BenchmarkJsonContext.Default.JsonObject);
    }

    /// <summary>The seed cluster plus <paramref name="extra"/> unrelated NADs and Subnets.</summary>
    public static ClusterSnapshot Cluster(int extra)
    {
        var seed = ClusterManifests.ToSnapshot(ManifestReader.ReadDirectory(Examples));
        var nads = seed.Nads.Concat(Enumerable.Range(0, extra).Select(i =>
            new NadInfo($"ns{i % 1000}", $"net{i}", Resources.CniFlavour.Ovn, $"net{i}.ns{i % 1000}.ovn", "/run/openvswitch/kube-ovn-daemon.sock")));
        var subnets = seed.AllSubnets().Concat(Enumerable.Range(0, extra).Select(i => new SubnetInfo(
            $"subnet{i}", $"net{i}.ns{i % 1000}.ovn", $"fd00:{i >> 16:x}:{i & 0xffff:x}::/64",
            null, [], "ovn-cluster", null, "IPv6", 0, 0)));
        return new ClusterSnapshot(nads, subnets);
    }

    /// <summary>The real composition, answering from <paramref name="cluster"/>.</summary>
    public static IServiceProvider Services(IClusterSource cluster)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAdmissionWebhook(configuration);
        services.AddSingleton(cluster);
        return services.BuildServiceProvider();
    }

    /// <summary>Every reviewer of the composition.</summary>
    public static IReadOnlyList<IAdmissionReviewer> Reviewers(IServiceProvider services) => [.. services.GetServices<IAdmissionReviewer>()];

    /// <summary>
    /// The seed's hot-plug review grown to <paramref name="interfaces"/> interfaces in the new object: the pod interface
    /// and bridge interfaces dyn1, dyn2, ... on the seed's NAD; the old object has all but the last (one hot-plug).
    /// </summary>
    public static byte[] HotplugReview(int interfaces)
    {
        var review = JsonNode.Parse(HotplugReview())!.AsObject();
        var request = review["request"]!;
        Grow(request["object"]!, interfaces);
        Grow(request["oldObject"]!, interfaces - 1);
        return JsonSerializer.SerializeToUtf8Bytes(review, BenchmarkJsonContext.Default.JsonObject);
    }

    private static void Grow(JsonNode vm, int interfaces)
    {
        var spec = vm["spec"]!["template"]!["spec"]!;
        var nics = spec["domain"]!["devices"]!["interfaces"]!.AsArray();
        var networks = spec["networks"]!.AsArray();
        var (pod, podNetwork) = (nics[0]!.DeepClone(), networks[0]!.DeepClone());
        nics.Clear();
        networks.Clear();
        nics.Add(pod);
        networks.Add(podNetwork);
        for (var i = 1; i < interfaces; i++)
        {
            nics.Add(new JsonObject { ["name"] = $"dyn{i}", ["bridge"] = new JsonObject() });
            networks.Add(new JsonObject { ["name"] = $"dyn{i}", ["multus"] = new JsonObject { ["networkName"] = "attachnet" } });
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AdmissionWebhook.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}

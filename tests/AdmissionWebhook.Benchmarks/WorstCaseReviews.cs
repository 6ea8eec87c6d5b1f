using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Benchmarks;

/// <summary>Interface-dense VM reviews built from the seed's hot-plug review (as load/worst-case-review.py writes them).</summary>
internal static class WorstCaseReviews
{
    /// <summary>The seed's running VM hot-plugging <paramref name="count"/> interfaces without binding.</summary>
    public static byte[] HotplugMany(byte[] seed, int count)
    {
        var review = JsonNode.Parse(seed)!.AsObject();
        var request = review["request"]!;
        request["object"] = WithInterfaces(request["oldObject"]!, count, "hot", binding: false);
        return JsonSerializer.SerializeToUtf8Bytes(review, BenchmarkJsonContext.Default.JsonObject);
    }

    /// <summary>The seed's running VM with <paramref name="count"/> plugged bridge interfaces, all removed outright.</summary>
    public static byte[] RemoveManyOutright(byte[] seed, int count)
    {
        var review = JsonNode.Parse(seed)!.AsObject();
        var request = review["request"]!;
        var plain = request["oldObject"]!.DeepClone();
        request["oldObject"] = WithInterfaces(plain, count, "plugged", binding: true);
        request["object"] = plain;
        return JsonSerializer.SerializeToUtf8Bytes(review, BenchmarkJsonContext.Default.JsonObject);
    }

    private static JsonNode WithInterfaces(JsonNode vm, int count, string prefix, bool binding)
    {
        var copy = vm.DeepClone();
        var spec = copy["spec"]!["template"]!["spec"]!;
        var interfaces = spec["domain"]!["devices"]!["interfaces"]!.AsArray();
        var networks = spec["networks"]!.AsArray();
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}{i}";
            var iface = new JsonObject { ["name"] = name };
            if (binding)
            {
                iface["bridge"] = new JsonObject();
            }
            interfaces.Add(iface);
            networks.Add(new JsonObject { ["name"] = name, ["multus"] = new JsonObject { ["networkName"] = "attachnet" } });
        }
        return copy;
    }
}

using System.Text.Json.Nodes;
using CsCheck;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>One generated VM edit: the stored VM, the edited VM and who makes the edit.</summary>
internal sealed record VmEditCase(JsonObject Old, JsonObject Current, string User)
{
    public override string ToString() =>
        $"user {User}\nold interfaces {Interfaces(Old)}\nold networks {Networks(Old)}\nnew interfaces {Interfaces(Current)}\nnew networks {Networks(Current)}\nold spec.runStrategy {Old["spec"]?["runStrategy"]?.ToJsonString()} status {Old["status"]?.ToJsonString()}";

    private static string? Interfaces(JsonObject vm) => vm["spec"]?["template"]?["spec"]?["domain"]?["devices"]?["interfaces"]?.ToJsonString();

    private static string? Networks(JsonObject vm) => vm["spec"]?["template"]?["spec"]?["networks"]?.ToJsonString();
}

/// <summary>
/// Generates VM edits from a list of small integers (CsCheck shrinks them towards 0, which here means the simplest
/// choice): random interfaces with random bindings, states, models, MACs and networks, then an edit that keeps,
/// removes (interface, network or both), unplugs, reverts or rebinds each of them and hot-plugs new ones, on a VM that
/// is running or stopped, by a user or by the exempt KubeVirt controller.
/// </summary>
internal static class VmEditGenerator
{
    private static readonly string[] Names = ["dyniface1", "defaultnetwork", "a", "b", "c", "a.b"];
    // Repeated entries weight the choices towards the shapes the mutations act on.
    private static readonly string?[] States = [null, null, null, "absent", "up", "down", "Absent", ""];
    private static readonly string?[] Models = [null, "virtio", "e1000", "virtio-net"];
    private static readonly string?[] Macs = [null, "02:00:00:00:00:0{0}", "bad-mac", "02:00:00:00:00:00"];
    private static readonly string[] Bindings = ["\"bridge\":{}", "\"bridge\":{}", "\"bridge\":{}", "\"masquerade\":{}", "\"sriov\":{}", "", "\"bridge\":{},\"sriov\":{}", "\"binding\":{\"name\":\"managedtap\"}"];
    private static readonly string[] Sources =
    [
        "\"multus\":{\"networkName\":\"attachnet\"}", "\"multus\":{\"networkName\":\"attachnet\"}", "\"pod\":{}", "\"multus\":{\"networkName\":\"missingnet\"}",
        "\"multus\":{\"networkName\":\"sriov-attachnet\"}", "\"multus\":{\"networkName\":\"attachnet\",\"default\":true}", "",
        "\"multus\":{\"networkName\":\"nosubnet\"}", "\"multus\":{\"networkName\":\"other/attachnet\"}",
    ];

    public static Gen<VmEditCase> Edits { get; } = Gen.Int[0, 1000].Array[80].Select(Build);

    private static VmEditCase Build(int[] dna)
    {
        var reader = new Reader(dna);
        var oldInterfaces = new List<JsonObject> { JsonNode.Parse(DefaultIface)!.AsObject() };
        var oldNetworks = new List<JsonObject> { JsonNode.Parse(DefaultNet)!.AsObject() };
        var count = reader.Next(5);
        for (var i = 0; i < count; i++)
        {
            var (iface, network) = Interface(reader, i);
            oldInterfaces.Add(iface);
            if (network is not null && reader.Next(10) > 0)
            {
                oldNetworks.Add(network);
            }
        }

        var interfaces = oldInterfaces.Select(i => (JsonObject)i.DeepClone()).ToList();
        var networks = oldNetworks.Select(n => (JsonObject)n.DeepClone()).ToList();
        foreach (var iface in oldInterfaces.Skip(1).ToList())
        {
            var name = iface["name"]!.GetValue<string>();
            var current = interfaces.First(i => i["name"]!.GetValue<string>() == name);
            var network = networks.FirstOrDefault(n => n["name"]!.GetValue<string>() == name);
            switch (reader.Next(10))
            {
                case 2:
                    interfaces.Remove(current);
                    networks.Remove(network!);
                    break;
                case 3:
                    interfaces.Remove(current);
                    break;
                case 4:
                    networks.Remove(network!);
                    break;
                case 5:
                    current["state"] = "absent";
                    break;
                case 6:
                    current["state"] = "absent";
                    networks.Remove(network!);
                    break;
                case 7:
                    current.Remove("bridge");
                    current["sriov"] = new JsonObject();
                    break;
                case 8:
                    current.Remove("state");
                    break;
            }
        }
        var added = reader.Next(4);
        for (var i = 0; i < added; i++)
        {
            var (iface, network) = Interface(reader, count + i);
            interfaces.Insert(reader.Next(interfaces.Count + 1), iface);
            if (network is not null && reader.Next(10) > 0)
            {
                networks.Insert(reader.Next(networks.Count + 1), network);
            }
        }

        var (runStrategy, status) = reader.Next(5) switch
        {
            0 => ("Always", (string?)null),
            1 => ("Halted", null),
            2 => ("Halted", """{"created":true,"printableStatus":"Running"}"""),
            3 => ("Always", """{"printableStatus":"Stopped"}"""),
            _ => ("RerunOnFailure", """{"printableStatus":"Migrating"}"""),
        };
        var user = reader.Next(6) == 0 ? Exempt : "alice";
        return new VmEditCase(
            Vm([.. oldInterfaces.Select(i => i.ToJsonString())], [.. oldNetworks.Select(n => n.ToJsonString())], runStrategy, status),
            Vm([.. interfaces.Select(i => i.ToJsonString())], [.. networks.Select(n => n.ToJsonString())], runStrategy),
            user);
    }

    private static (JsonObject Interface, JsonObject? Network) Interface(Reader reader, int ordinal)
    {
        var name = Names[reader.Next(Names.Length)];
        name = name == "dyniface1" ? $"dyniface{ordinal + 1}" : name;
        var members = new List<string> { $"\"name\":\"{name}\"" };
        if (Bindings[reader.Next(Bindings.Length)] is { Length: > 0 } binding)
        {
            members.Add(binding);
        }
        if (States[reader.Next(States.Length)] is { } state)
        {
            members.Add($"\"state\":\"{state}\"");
        }
        if (Models[reader.Next(Models.Length)] is { } model)
        {
            members.Add($"\"model\":\"{model}\"");
        }
        if (Macs[reader.Next(Macs.Length)] is { } mac)
        {
            members.Add($"\"macAddress\":\"{string.Format(System.Globalization.CultureInfo.InvariantCulture, mac, ordinal)}\"");
        }
        var source = Sources[reader.Next(Sources.Length)];
        var network = JsonNode.Parse($"{{\"name\":\"{name}\"{(source.Length > 0 ? "," + source : string.Empty)}}}")!.AsObject();
        return (JsonNode.Parse($"{{{string.Join(",", members)}}}")!.AsObject(), network);
    }

    private sealed class Reader(int[] dna)
    {
        private int _position;

        public int Next(int choices) => dna[_position++ % dna.Length] % choices;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using AdmissionWebhook.Tests.Vectors;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// docs/hotplug-walkthrough.md, step by step: each step's decision is asserted explicitly (allowed or denied, the
/// mutation, denial and warning codes, and every patch applied by kube-apiserver's json-patch library), then the
/// document generated from those same answers must equal the committed one. Only an explicit request rewrites the
/// document: <c>REGENERATE_WALKTHROUGH=1 dotnet test --project tests/AdmissionWebhook.Tests -- --filter-class
/// '*HotplugWalkthroughTests'</c>; no other variable (CI included) changes what the test does.
/// </summary>
public sealed class HotplugWalkthroughTests
{
    // Readable quotes in the document: the text is shown, not embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string DocumentPath => Path.Combine(RepositoryPaths.Root, "docs", "hotplug-walkthrough.md");

    [Fact]
    public async Task Walkthrough_document_shows_what_the_code_answers()
    {
        var generated = await GenerateAsync();
        if (Environment.GetEnvironmentVariable("REGENERATE_WALKTHROUGH") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DocumentPath)!);
            await File.WriteAllTextAsync(DocumentPath, generated, TestContext.Current.CancellationToken);
        }
        var committed = File.Exists(DocumentPath) ? await File.ReadAllTextAsync(DocumentPath, TestContext.Current.CancellationToken) : string.Empty;
        Assert.True(committed == generated, "docs/hotplug-walkthrough.md is stale: rerun this test with REGENERATE_WALKTHROUGH=1, review the diff and commit it");
    }

    private static async Task<string> GenerateAsync()
    {
        var doc = new StringBuilder();
        doc.AppendLine("# NIC hot-plug and hot-unplug, step by step");
        doc.AppendLine();
        doc.AppendLine("This walks through Kube-OVN's NIC hot-plug how-to (the seed of this project,");
        doc.AppendLine("[kubeovn/docs `docs/kubevirt/hotplug.md`](https://github.com/kubeovn/docs/blob/master/docs/kubevirt/hotplug.md)): the");
        doc.AppendLine("Fedora VM `default/vm-fedora`, the Kube-OVN NAD `default/attachnet` and its Subnet (`deploy/examples/`). For each");
        doc.AppendLine("edit it shows the request, what the mutating webhook answers (the RFC 6902 patch, decoded from the response's base64");
        doc.AppendLine("`patch`) and what the validating webhook answers for the (patched) object, in the order the API server calls them.");
        doc.AppendLine("Every response below is produced by the code, and every patch is applied with kube-apiserver's own JSON Patch");
        doc.AppendLine("library: `HotplugWalkthroughTests` asserts each step's answer and fails when this file is stale");
        doc.AppendLine("(`REGENERATE_WALKTHROUGH=1` on that test rewrites it). Rule codes are those of the rule catalogue in the README; the");
        doc.AppendLine("vectors named below are in `tests/AdmissionWebhook.Tests/Vectors/cases/`.");
        doc.AppendLine();
        doc.AppendLine("\"Running\" is read from the stored (old) object: here `runStrategy: Always` without a status. Hot-plug rules and");
        doc.AppendLine("mutations apply only to an UPDATE of a running VM, and never to KubeVirt's own controller");
        doc.AppendLine("(`system:serviceaccount:kubevirt:kubevirt-controller`).");

        var seedCluster = ClusterBuilder.FromYaml(string.Join("\n---\n",
            File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml")),
            File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "attachnet-subnet.yaml"))));
        var hotplugReview = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "reviews", "hotplug-dyniface1.json")))!["request"]!.AsObject();

        doc.AppendLine();
        doc.AppendLine("## The seed's happy path");
        await StepAsync(doc, "1. Add the interface (hot-plug)", "`deploy/examples/reviews/hotplug-dyniface1.json`",
            "The seed's \"新增网卡\" edit: interface `dyniface1` with `bridge: {}` and network `dyniface1` on Multus `attachnet`. " +
            "The NAD exists, is a Kube-OVN NAD (OVN flavour), and Subnet `attachnet` carries its provider `attachnet.default.ovn`; " +
            "the binding is bridge, the model unset, one hot-plug fits the 3 slots KubeVirt reserves. Nothing to repair, nothing to deny.",
            hotplugReview, seedCluster,
            Outcome.Allowed());
        await VectorStepAsync(doc, "2. Remove the interface (hot-unplug with `state: absent`)", "kubevirt/02-unplug-absent.json",
            "The seed's \"删除网卡\" edit: `state: absent` on the bridge interface, network kept. A valid unplug: bridge binding, " +
            "secondary network, and a state change is not an interface change.",
            Outcome.Allowed());
        var absent = Plugged(""","state":"absent" """);
        await StepAsync(doc, "3. KubeVirt cleans up", "KubeVirt's controller after the unplug completes",
            "Once the NIC is gone from the VMI, KubeVirt's controller removes the absent interface and its network from the VM " +
            "template. It is exempt, and removing an interface that was already absent is always allowed anyway.",
            RequestJson(Update(absent, Seed(), Exempt)), seedCluster,
            Outcome.Allowed());

        doc.AppendLine();
        doc.AppendLine("## Mistakes the mutating webhook repairs");
        await VectorStepAsync(doc, "4. Deleting the plugged interface outright", "kubevirt/16-remove-bridge-outright-becomes-absent.json",
            "Deleting `dyniface1` and its network unplugs nothing in KubeVirt (the VM only gets RestartRequired). The patch puts " +
            "both back from the stored object, the interface with `state: absent`, at their old positions; each insertion is " +
            "guarded by a `test` of the entry it lands next to. The validating webhook then sees a correct unplug.",
            Outcome.Patched("VmInterfaceRemovedWithoutUnplug"));
        await VectorStepAsync(doc, "5. `state: absent`, but the network deleted too", "kubevirt/03-unplug-absent-network-removed-gets-network-back.json",
            "KubeVirt would reject this (the absent interface needs its network until the unplug completes). The patch re-adds " +
            "the network from the stored object.",
            Outcome.Patched("VmAbsentNetworkRestored"));
        await VectorStepAsync(doc, "6. Hot-plug without a binding", "kubevirt/14-hotplug-no-binding-gets-bridge.json",
            "The network resolves to a Kube-OVN NAD, so the only sensible binding is bridge: the patch adds `bridge: {}`.",
            Outcome.Patched("VmHotplugDefaultBridge"));

        doc.AppendLine();
        doc.AppendLine("## Mistakes the validating webhook denies");
        await VectorStepAsync(doc, "7. Hot-plugging SR-IOV", "kubevirt/07-hotplug-sriov-denied.json",
            "SR-IOV is plugged only through a live migration; `Hotplug:AllowedBindings` defaults to bridge.",
            Outcome.Denied("VmHotplugBindingUnsupported"));
        await VectorStepAsync(doc, "8. `state: absent` on the pod network's masquerade interface", "kubevirt/06-absent-on-pod-masquerade.json",
            "Two causes, as in KubeVirt: absent needs bridge, and the default network can never be unplugged.",
            Outcome.Denied("VmAbsentRequiresBridge", "VmAbsentOnDefaultNetwork"));
        await VectorStepAsync(doc, "9. A NAD that does not exist", "kubevirt/20-hotplug-nad-missing.json",
            "On a hot-plug a missing NAD denies (on CREATE it is only the warning VmNadMissing).",
            Outcome.Denied("VmHotplugNadMissing"));
        await VectorStepAsync(doc, "10. A Kube-OVN NAD without a Subnet", "kubevirt/19-hotplug-subnet-missing.json",
            "No Subnet carries `attachnet2.default.ovn`, so the VM's pod would get no address on that network.",
            Outcome.Denied("VmHotplugSubnetMissing"));
        await VectorStepAsync(doc, "11. Taking back an unplug in flight", "kubevirt/22-absent-reverted.json",
            "KubeVirt never turns an absent VMI interface back, so the edit would do nothing.",
            Outcome.Denied("VmUnplugReverted"));
        await VectorStepAsync(doc, "12. Removing an SR-IOV interface (allowed, with a warning)", "kubevirt/24-remove-sriov-warns-restart.json",
            "Only bridge interfaces can be unplugged; the removal is allowed and the warning says the NIC stays until a restart.",
            Outcome.Allowed() with { Warnings = ["VmRemovalNeedsRestart"] });
        return doc.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static Task VectorStepAsync(StringBuilder doc, string title, string vectorName, string explanation, Outcome expected)
    {
        var vector = AcceptanceVector.Load(vectorName);
        return StepAsync(doc, title, $"`{vectorName}`", explanation, vector.Request, vector.Cluster, expected);
    }

    /// <summary>What a step must answer: the mutations of the patch (none: no patch), the denial and the warning codes.</summary>
    private sealed record Outcome(string[] Mutations, string[] Denials)
    {
        public string[] Warnings { get; init; } = [];

        public static Outcome Allowed() => new([], []);

        public static Outcome Patched(params string[] mutations) => new(mutations, []);

        public static Outcome Denied(params string[] denials) => new([], denials);
    }

    private static async Task StepAsync(
        StringBuilder doc, string title, string source, string explanation, JsonObject requestJson, ClusterSnapshot cluster, Outcome expected)
    {
        var harness = Harness(cluster);
        // The objects as the API server sends them, so the patch's guards meet the bytes they will meet there.
        var sent = VectorRunner.AsApiServerSends(requestJson);
        var request = ToRequest(sent, $"walkthrough-{title.Split('.')[0]}");
        doc.AppendLine();
        doc.AppendLine($"### {title}");
        doc.AppendLine();
        doc.AppendLine($"Request: {source}, `{request.Operation}` of `{request.Namespace}/{request.Name}` by `{request.UserInfo?.Username}`. {explanation}");
        doc.AppendLine();
        doc.AppendLine("Interfaces and networks, stored object → request object:");
        doc.AppendLine();
        doc.AppendLine("```json");
        doc.AppendLine($"stored:  {NetworkingOf(requestJson["oldObject"])}");
        doc.AppendLine($"request: {NetworkingOf(requestJson["object"])}");
        doc.AppendLine("```");

        var mutation = await harness.MutateAsync(request);
        doc.AppendLine();
        var validated = sent;
        if (expected.Mutations.Length == 0)
        {
            Assert.True(mutation is AdmissionDecision.Allow, $"{title}: expected no patch, the mutating webhook answered {mutation}");
        }
        if (mutation is AdmissionDecision.Patch patch)
        {
            Assert.Equal(expected.Mutations, patch.MutationCodes);
            doc.AppendLine($"Mutating webhook: allowed, `patchType: JSONPatch`, mutations {string.Join(", ", patch.MutationCodes.Select(c => $"`{c}`"))}; the patch:");
            doc.AppendLine();
            doc.AppendLine("```json");
            doc.AppendLine(JsonNode.Parse(JsonPatchSerializer.ToJson(patch.Operations))!.ToJsonString(Indented));
            doc.AppendLine("```");
            validated = (JsonObject)sent.DeepClone();
            validated["object"] = ApiServerJsonPatch.ApplyOrFail(sent["object"]!, patch.Operations);
            Assert.True(JsonNode.DeepEquals(validated["object"], JsonPatchApplier.Apply(sent["object"], patch.Operations)),
                $"{title}: the in-process applier and json-patch disagree");
            doc.AppendLine();
            doc.AppendLine("Interfaces and networks after the patch:");
            doc.AppendLine();
            doc.AppendLine("```json");
            doc.AppendLine($"patched: {NetworkingOf(validated["object"])}");
            doc.AppendLine("```");
        }
        else
        {
            Assert.Empty(expected.Mutations);
            doc.AppendLine("Mutating webhook: allowed, no patch.");
        }

        var validation = await harness.ValidateAsync(ToRequest(validated, request.Uid!));
        var response = AdmissionResponses.From(request, validation);
        Assert.True(response.Allowed == (expected.Denials.Length == 0), $"{title}: {response.Status?.Message}");
        Assert.Equal(expected.Denials.Order(StringComparer.Ordinal),
            (response.Status?.Details?.Causes ?? []).Select(c => c.Reason).Order(StringComparer.Ordinal));
        if (!response.Allowed)
        {
            Assert.Equal(422, response.Status!.Code);
        }
        Assert.Equal(expected.Warnings, (response.Warnings ?? []).Select(w => w[..w.IndexOf(':', StringComparison.Ordinal)]));
        doc.AppendLine();
        doc.AppendLine(response.Allowed
            ? response.Warnings is { Count: > 0 } ? "Validating webhook: allowed, with a warning:" : "Validating webhook: allowed."
            : "Validating webhook: denied:");
        if (!response.Allowed || response.Warnings is { Count: > 0 })
        {
            var review = JsonSerializer.SerializeToNode(AdmissionResponses.Envelope(response), AdmissionJsonContext.Default.AdmissionReview)!;
            doc.AppendLine();
            doc.AppendLine("```json");
            doc.AppendLine(review["response"]!.ToJsonString(Indented));
            doc.AppendLine("```");
        }
    }

    private static JsonObject RequestJson(AdmissionRequest request) =>
        JsonSerializer.SerializeToNode(new AdmissionReview { Request = request }, AdmissionJsonContext.Default.AdmissionReview)!["request"]!.AsObject();

    private static AdmissionRequest ToRequest(JsonObject requestJson, string uid)
    {
        var copy = (JsonObject)requestJson.DeepClone();
        copy["uid"] = uid;
        var review = new JsonObject { ["apiVersion"] = AdmissionReview.V1ApiVersion, ["kind"] = AdmissionReview.ReviewKind, ["request"] = copy };
        // Through JsonText, which keeps the objects' raw text (JsonNode.Deserialize would re-escape every string).
        return JsonSerializer.Deserialize(JsonText.ToJson(review), AdmissionJsonContext.Default.AdmissionReview)!.Request!;
    }

    private static string NetworkingOf(JsonNode? vm)
    {
        if (vm is null)
        {
            return "(none)";
        }
        var spec = vm["spec"]?["template"]?["spec"];
        var summary = new JsonObject
        {
            ["interfaces"] = spec?["domain"]?["devices"]?["interfaces"]?.DeepClone(),
            ["networks"] = spec?["networks"]?.DeepClone(),
        };
        return summary.ToJsonString(new JsonSerializerOptions { Encoder = Indented.Encoder });
    }
}

using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// Properties of the VM webhook over generated edits (<see cref="VmEditGenerator"/>): the mutation always applies,
/// is idempotent and stays under /spec/template/spec; after it the validator reports none of the rules the mutation
/// claims to fix; and no input shape makes the pipeline throw.
/// </summary>
public sealed class VmPropertyTests
{
    private const int Iterations = 400;

    // Enough edits that each mutation is reached some 25 times on average: the coverage check below never flakes.
    private const int MutationIterations = 1000;

    private static readonly JsonPointer TemplateSpec = JsonPointer.Parse("/spec/template/spec");
    private static readonly JsonPointer InterfacesPointer = JsonPointer.Parse("/spec/template/spec/domain/devices/interfaces");
    private static readonly JsonPointer NetworksPointer = JsonPointer.Parse("/spec/template/spec/networks");

    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    [Fact]
    public async Task Mutation_applies_is_idempotent_and_fixes_what_it_claims()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        await VmEditGenerator.Edits.SampleAsync(async edit =>
        {
            var request = Update(edit.Old, edit.Current, edit.User);
            // Applies with the strict applier, re-mutates the result (must give nothing), checks forbidden paths.
            var (operations, codes, patched) = await _harness.MutateAndApplyAsync(request);
            Assert.All(operations, op => Assert.True(op.Path.StartsWith(TemplateSpec), $"{op.Path} is outside /spec/template/spec"));
            Assert.All(operations.Where(op => op.Op == JsonPatchOperation.AddOp && op.Path.Parent.Segments[^1] is "interfaces" or "networks"),
                op => Assert.Contains(operations, guard => guard.Op == JsonPatchOperation.TestOp));
            Assert.Equal(operations.Count == 0, codes.Count == 0);
            foreach (var code in codes)
            {
                seen[code] = seen.GetValueOrDefault(code) + 1;
            }

            var decision = await _harness.ValidateAsync(Update(edit.Old, patched!.AsObject(), edit.User));
            var failures = decision switch
            {
                AdmissionDecision.Deny deny => deny.Failures,
                AdmissionDecision.Allow => [],
                _ => throw new InvalidOperationException($"validation answered {decision}"),
            };
            Assert.DoesNotContain(failures, f => f.Code == "VmInterfaceRemovedWithoutUnplug");
            var patchedInterfaces = JsonPatchApplier.Resolve(patched, InterfacesPointer) as JsonArray ?? [];
            var patchedNames = patchedInterfaces.Select(i => i?["name"]?.GetValue<string>()).ToList();
            for (var k = 0; k < operations.Count; k++)
            {
                if (operations[k] is not { Op: JsonPatchOperation.AddOp, Path.Last: "bridge" })
                {
                    continue;
                }
                // Later insertions move the interface: find it by the name its guard tested.
                var name = operations[k - 1].Value!.GetValue<string>();
                var fields = Enumerable.Range(0, patchedInterfaces.Count)
                    .Where(j => patchedNames[j] == name && patchedInterfaces[j]!["bridge"] is not null).Select(j => IfaceAt(j)).ToList();
                Assert.Contains(fields, field => !failures.Any(f => f.Code == "VmBindingInvalid" && f.Field == field));
            }
            foreach (var op in operations.Where(op => op.Op == JsonPatchOperation.AddOp && op.Path.StartsWith(NetworksPointer)))
            {
                var restored = op.Value is JsonArray array ? array.Select(n => n!["name"]!.GetValue<string>()) : [op.Value!["name"]!.GetValue<string>()];
                foreach (var name in restored)
                {
                    var field = IfaceAt(patchedNames.IndexOf(name), "name");
                    Assert.DoesNotContain(failures, f => f.Code == "VmInterfaceWithoutNetwork" && f.Field == field);
                }
            }
        }, iter: MutationIterations, threads: 1, print: edit => edit.ToString());

        // The generator must reach every mutation, or the properties above prove little.
        Assert.All(new[] { "VmInterfaceRemovedWithoutUnplug", "VmAbsentNetworkRestored", "VmHotplugDefaultBridge" },
            code => Assert.True(seen.GetValueOrDefault(code) >= 3, $"{code} mutated only {seen.GetValueOrDefault(code)} of {MutationIterations} edits"));
    }

    [Fact]
    public async Task Stopped_vms_and_exempt_users_are_never_mutated()
    {
        await VmEditGenerator.Edits.SampleAsync(async edit =>
        {
            var stopped = (JsonObject)edit.Old.DeepClone();
            stopped["spec"]!["runStrategy"] = "Halted";
            stopped.Remove("status");
            Assert.IsType<AdmissionDecision.Allow>(await _harness.MutateAsync(Update(stopped, edit.Current, edit.User)));
            Assert.IsType<AdmissionDecision.Allow>(await _harness.MutateAsync(Update(edit.Old, edit.Current, Exempt)));
        }, iter: Iterations / 4, threads: 1, print: edit => edit.ToString());
    }

    private static readonly string[] Pointers =
    [
        "/spec", "/spec/template", "/spec/template/spec", "/spec/template/spec/domain", "/spec/template/spec/domain/devices",
        "/spec/template/spec/domain/devices/interfaces", "/spec/template/spec/domain/devices/interfaces/0",
        "/spec/template/spec/domain/devices/interfaces/1", "/spec/template/spec/domain/devices/interfaces/1/name",
        "/spec/template/spec/domain/devices/interfaces/1/bridge", "/spec/template/spec/domain/devices/interfaces/1/state",
        "/spec/template/spec/domain/devices/interfaces/1/binding", "/spec/template/spec/domain/devices/interfaces/1/macAddress",
        "/spec/template/spec/networks", "/spec/template/spec/networks/1", "/spec/template/spec/networks/1/multus",
        "/spec/template/spec/networks/1/multus/networkName", "/spec/template/spec/networks/1/multus/default", "/spec/template/spec/networks/1/pod",
        "/status", "/status/created", "/status/printableStatus", "/spec/runStrategy", "/spec/running", "/metadata", "/metadata/namespace",
    ];

    private static readonly string[] Values = ["null", "1", "\"x\"", "true", "[]", "{}", "[null]", "[{}]", "{\"name\":\"dyniface1\"}", "\"absent\"", "\"a/b\""];

    [Fact]
    public async Task No_input_shape_makes_the_pipeline_throw()
    {
        var gen = Gen.Select(VmEditGenerator.Edits, Gen.Int[0, Pointers.Length - 1].Array[1, 3], Gen.Int[0, Values.Length - 1].Array[3], Gen.Bool);
        await gen.SampleAsync(async (edit, pointers, values, onOld) =>
        {
            var target = (JsonObject)(onOld ? edit.Old : edit.Current).DeepClone();
            for (var i = 0; i < pointers.Length; i++)
            {
                target = Overwrite(target, JsonPointer.Parse(Pointers[pointers[i]]), JsonNode.Parse(Values[values[i]]));
            }
            // The request's name and namespace come from the intact objects; only the reviewed JSON is mangled.
            var mangled = System.Text.Json.JsonSerializer.SerializeToElement(target, TestJsonContext.Default.JsonObject);
            var request = onOld
                ? Update(edit.Old, edit.Current, edit.User) with { OldObject = mangled }
                : Update(edit.Old, edit.Current, edit.User) with { Object = mangled };
            foreach (var decision in new[] { await _harness.ValidateAsync(request), await _harness.MutateAsync(request) })
            {
                Assert.True(decision is AdmissionDecision.Allow or AdmissionDecision.Deny or AdmissionDecision.Patch
                    or AdmissionDecision.Error { Code: 400 }, $"unexpected decision {decision}");
            }
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1}\npointers {string.Join(",", t.Item2.Select(p => Pointers[p]))} values {string.Join(",", t.Item3.Select(v => Values[v]))} on old {t.Item4}");
    }

    /// <summary>Sets the value at <paramref name="pointer"/> when its parent exists (a container of the right kind).</summary>
    private static JsonObject Overwrite(JsonObject document, JsonPointer pointer, JsonNode? value)
    {
        JsonNode? parent = document;
        foreach (var segment in pointer.Parent.Segments)
        {
            parent = parent switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }
        switch (parent)
        {
            case JsonObject obj:
                obj[pointer.Last] = value;
                break;
            case JsonArray array when int.TryParse(pointer.Last, out var index) && index < array.Count:
                array[index] = value;
                break;
        }
        return document;
    }
}

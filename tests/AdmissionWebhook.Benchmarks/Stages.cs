using System.Diagnostics;
using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.VirtualMachines;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Benchmarks;

internal static class Stages
{
    public static void Run()
    {
        var body = ReviewInputs.HotplugReview();
        var cluster = new SnapshotSource(ReviewInputs.Cluster(0));
        var review = JsonSerializer.Deserialize(body, AdmissionJsonContext.Default.AdmissionReview)!;
        Time("parse document", () => { using var d = JsonDocument.Parse(body); return d.RootElement.ValueKind; });
        Time("decode review", () => JsonSerializer.Deserialize(body, AdmissionJsonContext.Default.AdmissionReview));
        Time("decode vm", () => review.Request!.Object!.Value.Deserialize(ResourceJsonContext.Default.VirtualMachine));
        var vm = review.Request!.Object!.Value.Deserialize(ResourceJsonContext.Default.VirtualMachine)!;
        var old = review.Request!.OldObject!.Value.Deserialize(ResourceJsonContext.Default.VirtualMachine)!;
        var services = ReviewInputs.Services(cluster);
        var validator = services.GetRequiredService<IValidator<VirtualMachine>>();
        var mutator = services.GetRequiredService<IAdmissionMutator<VirtualMachine>>();
        var attrs = new AdmissionAttributes(AdmissionOperation.Update, old, "default", "vm-fedora", new UserInfo { Username = "alice" }, false, AdmissionPolicy.Default);
        if (validator is not null)
        {
            Time("validate", () =>
            {
                var ctx = ValidationContext<VirtualMachine>.CreateWithOptions(vm, o => o.IncludeRuleSets("Update").IncludeRulesNotInRuleSet());
                ctx.RootContextData["admission"] = attrs;
                return validator.ValidateAsync(ctx).GetAwaiter().GetResult();
            });
        }
        var nadLookup = cluster;
        foreach (var v in new IValidator<VirtualMachine>[] { new InterfacePairingRules(), new InterfaceNameRules(), new InterfaceStateRules(), new BindingRules(), new NetworkSourceRules(), new MacAddressRules(), new ModelRules(), new NadReferenceRules(nadLookup), new HotplugRules(nadLookup, nadLookup), new RunningEditRules(), new InlineValidator<VirtualMachine>() })
        {
            Time(v.GetType().Name, () =>
            {
                var ctx = ValidationContext<VirtualMachine>.CreateWithOptions(vm, o => o.IncludeRuleSets("Update").IncludeRulesNotInRuleSet());
                ctx.RootContextData["admission"] = attrs;
                return v.ValidateAsync(ctx).GetAwaiter().GetResult();
            });
        }
        var tenIncludes = new InlineValidator<VirtualMachine>();
        for (var i = 0; i < 10; i++)
        {
            tenIncludes.Include(new InlineValidator<VirtualMachine>());
        }
        Time("ten empty includes", () =>
        {
            var ctx = ValidationContext<VirtualMachine>.CreateWithOptions(vm, o => o.IncludeRuleSets("Update").IncludeRulesNotInRuleSet());
            ctx.RootContextData["admission"] = attrs;
            return tenIncludes.ValidateAsync(ctx).GetAwaiter().GetResult();
        });
        Time("mutate", () => mutator.MutateAsync(new MutationContext<VirtualMachine>(vm, review.Request!.Object!.Value, old, review.Request!.OldObject, attrs), default).AsTask().GetAwaiter().GetResult());
        var response = AdmissionResponses.Envelope(AdmissionResponses.From(review.Request!, AdmissionDecision.Allowed));
        Time("encode", () => JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Default.AdmissionReview));
    }

    private static void Time(string name, Func<object?> action)
    {
        for (var i = 0; i < 5000; i++) action();
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20000; i++) action();
        Console.WriteLine($"{name}: {watch.Elapsed.TotalMicroseconds / 20000:F1} us, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 20000} B");
    }
}

using System.Runtime.CompilerServices;
using AdmissionWebhook.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

switch (args.FirstOrDefault())
{
    case "micro":
        // Built with -p:BenchmarkNoDynamicCode=true, expressions are interpreted as under Native AOT, and --inProcess's
        // emitting toolchain cannot run: the short job runs in process without emitting instead (omit --inProcess --job).
        BenchmarkSwitcher.FromAssembly(typeof(ReviewBenchmarks).Assembly).Run(args[1..], RuntimeFeature.IsDynamicCodeSupported
            ? null
            : DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessNoEmitToolchain.Instance).WithId("ShortRun-NoDynamicCode")));
        break;
    case "quick":
        await QuickTiming.RunAsync();
        break;
    case "worst":
        await WorstCaseTiming.RunAsync(args[1..]);
        break;
    case "allocations":
        AllocationProfile.Run(args.ElementAtOrDefault(1) ?? "vm-rules");
        break;
    case "loop":
        ProfileLoop.Run(args.ElementAtOrDefault(1) ?? "vm-review", double.Parse(args.ElementAtOrDefault(2) ?? "20", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "ceiling":
        await CeilingServer.RunAsync(args[1..]);
        break;
    default:
        Console.Error.WriteLine("""
            usage: AdmissionWebhook.Benchmarks micro [BenchmarkDotNet options]   decode -> rules -> encode per resource, and cluster size
                                                                                 (built with -p:BenchmarkNoDynamicCode=true: AOT's interpreted expressions)
                   AdmissionWebhook.Benchmarks quick                             rough per-stage timing of the hot-plug review
                   AdmissionWebhook.Benchmarks worst [N] [M] [--stages]          N hot-plugged / M removed interfaces against the ordinary review
                   AdmissionWebhook.Benchmarks allocations STAGE                 sampled allocations by type (vm-read, vm-read-document, vm-decode, vm-rules, nad-rules, subnet-rules, vm-review, vm-review-document, vm-review-6000, vm-mutate, vm-mutate-hotplug, vm-mutate-removal)
                   AdmissionWebhook.Benchmarks loop STAGE [SECONDS]              one allocations STAGE repeated for a CPU sampler (perf with DOTNET_PerfMapEnabled=1)
                   AdmissionWebhook.Benchmarks ceiling --port N                  bare Kestrel TLS endpoint (the load test's ceiling)
            """);
        Environment.ExitCode = 2;
        break;
}

using System.Diagnostics;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// Repeats one stage of <see cref="AllocationProfile"/> for a number of seconds and nothing else, for a CPU sampler to
/// watch from outside: <c>DOTNET_PerfMapEnabled=1</c> and <c>perf record -g -p PID</c> (README, Performance).
/// </summary>
internal static class ProfileLoop
{
    public static void Run(string stage, double seconds)
    {
        var action = AllocationProfile.Stage(stage);
        // Warm up past tiering, so the samples land in optimized code.
        for (var i = 0; i < 20_000; i++)
        {
            action();
        }
        Console.WriteLine($"pid {Environment.ProcessId}: {stage} for {seconds} s");
        var rounds = 0L;
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                action();
            }
            rounds += 1000;
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{stage}: {rounds} rounds, {cpu.TotalMicroseconds / rounds:F1} us of process CPU per round");
    }
}

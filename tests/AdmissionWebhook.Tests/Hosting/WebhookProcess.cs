using System.Diagnostics;

namespace AdmissionWebhook.Tests.Hosting;

/// <summary>
/// Runs the built webhook executable (<c>dotnet AdmissionWebhook.dll</c>, copied beside the tests) as its own process,
/// the way an operator starts it, and collects its exit code and output. A process that is still running at the
/// deadline (it started serving when it should have refused to) is killed and reported.
/// </summary>
internal static class WebhookProcess
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AdmissionWebhook.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return new ProcessResult(null, await output, await error);
        }
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

/// <summary>What a process left behind; <see cref="ExitCode"/> is null when it had to be killed.</summary>
internal sealed record ProcessResult(int? ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(killed: still running)"}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

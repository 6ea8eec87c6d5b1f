using AdmissionWebhook.Cli;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>Runs the executable's command line in-process, with strings for standard input, output and error.</summary>
internal static class CliRunner
{
    public static string Fixtures => Path.Combine(RepositoryPaths.Root, "tests", "AdmissionWebhook.Tests", "Offline", "Fixtures");

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    public static async Task<CliResult> RunAsync(string[] args, string stdin = "")
    {
        Assert.True(CommandLineApp.IsOfflineCommand(args), $"\"{string.Join(' ', args)}\" would start the server");
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLineApp.RunAsync(args, new CliConsole(input, output, error), TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

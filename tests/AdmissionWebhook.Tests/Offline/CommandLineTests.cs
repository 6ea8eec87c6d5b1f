using AdmissionWebhook.Cli;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>Which command runs, and the help text of each.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--port 0")]
    [InlineData("--port=8443 --manifests /tmp/m")]
    [InlineData("serve")]
    [InlineData("serve --port 0")]
    public void Serving_command_lines_still_serve(string commandLine)
    {
        var args = commandLine.Length == 0 ? [] : commandLine.Split(' ');

        Assert.False(CommandLineApp.IsOfflineCommand(args));
    }

    [Fact]
    public void Serve_passes_only_its_own_switches_to_the_server()
    {
        Assert.Equal(["--port", "0"], CommandLineApp.ServeArguments(["serve", "--port", "0"]));
        Assert.Equal(["--port", "0"], CommandLineApp.ServeArguments(["--port", "0"]));
        Assert.Empty(CommandLineApp.ServeArguments([]));
    }

    [Theory]
    [InlineData("lint --help", "Usage: AdmissionWebhook lint")]
    [InlineData("lint -h", "Usage: AdmissionWebhook lint")]
    [InlineData("review --help", "Usage: AdmissionWebhook review")]
    [InlineData("serve --help", "Usage: AdmissionWebhook [serve]")]
    [InlineData("--help", "Commands:")]
    [InlineData("help review", "Usage: AdmissionWebhook review")]
    [InlineData("help lint", "Usage: AdmissionWebhook lint")]
    [InlineData("--port 0 --help", "Usage: AdmissionWebhook [serve]")]
    public async Task Every_command_has_help(string commandLine, string expected)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        // A shell prompt must not land on the help's last line.
        Assert.EndsWith("\n", result.Out, StringComparison.Ordinal);
    }
}

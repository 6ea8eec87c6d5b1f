using System.Net;
using System.Net.Sockets;
using AdmissionWebhook.Cli;
using AdmissionWebhook.Tests.Offline;

namespace AdmissionWebhook.Tests.Hosting;

/// <summary>
/// Starting the server: a command line it does not understand is a usage error (exit 2, with the usage), never a
/// server started with the development certificate; a start-up failure is one line naming the problem (exit 1), never
/// a stack trace.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("startup-");

    /// <summary>The development CA goes to this test's own folder, never the shared default.</summary>
    private string CaSwitch => $"--Webhook:DevelopmentCaPath={Path.Combine(_scratch.FullName, "dev-ca.crt")}";

    [Theory]
    [InlineData("lnt", "unknown command \"lnt\"")]
    [InlineData("-x", "unknown option -x")]
    [InlineData("--prot 9443", "unknown option --prot")]
    [InlineData("serve --bogus", "unknown option --bogus")]
    [InlineData("serve extra", "unexpected argument \"extra\"")]
    [InlineData("--port", "--port needs a value")]
    public async Task Unknown_commands_and_switches_exit_2_with_the_usage(string commandLine, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLineApp.MainAsync(commandLine.Split(' '), new CliConsole(new StringReader(string.Empty), output, error));

        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage: AdmissionWebhook", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("serve --version")]
    public async Task Version_prints_the_built_version(string commandLine)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"AdmissionWebhook {AdmissionWebhook.Hosting.BuildInfo.Version}\n", result.Out);
        Assert.Matches(@"^\d+\.\d+\.\d+", AdmissionWebhook.Hosting.BuildInfo.Version);
    }

    public static TheoryData<string, string> StartupFailures => new()
    {
        { "--port abc", "--port (Webhook:Port) must be a port number from 0 to 65535, not \"abc\"" },
        { "--port 0 --metrics-port 70000", "--metrics-port (Webhook:MetricsPort) must be a port number" },
        { "--port 0 --manifests {scratch}/missing", "missing: manifest folder does not exist" },
        { "--port 0 --tls-cert {scratch}/tls.crt", "--tls-cert and --tls-key must be given together" },
        { "--port 0 --Rules:VmNoSuchRule=Deny", "Rules:VmNoSuchRule: no rule has this code" },
        { "--port 0 --manifests {scratch}/broken", "broken.yaml:3:1: not valid YAML" },
    };

    [Theory]
    [MemberData(nameof(StartupFailures))]
    public async Task Startup_failure_is_one_line_and_exit_1(string commandLine, string expected)
    {
        var broken = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "broken"));
        await File.WriteAllTextAsync(Path.Combine(broken.FullName, "broken.yaml"), "apiVersion: v1\nkind: [\n", TestContext.Current.CancellationToken);
        var args = commandLine.Replace("{scratch}", _scratch.FullName, StringComparison.Ordinal).Split(' ').Append(CaSwitch).ToArray();

        var result = await WebhookProcess.RunAsync(args);

        AssertOneLineFailure(result, expected);
    }

    [Fact]
    public async Task Port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.IPv6Any, 0);
        taken.Server.DualMode = true;
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await WebhookProcess.RunAsync("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), CaSwitch);

        AssertOneLineFailure(result, $":{port}: address already in use");
    }

    private static void AssertOneLineFailure(ProcessResult result, string expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var failure = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("AdmissionWebhook: cannot start: ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Out + result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using AdmissionWebhook.Tests.Deployment;
using AdmissionWebhook.Tests.Hosting;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Published;

/// <summary>
/// The published binary (Native AOT, as the Dockerfile builds it): the folder named by <c>ADMISSION_WEBHOOK_PUBLISHED</c>
/// (<c>tests/AdmissionWebhook.Benchmarks/load/published-tests.sh</c> publishes and sets it, to test a build of one's
/// own), otherwise the one the Dockerfile's build stage publishes in this test run (<see cref="DockerBuildStage"/>,
/// built once and shared with <see cref="Deployment.DockerfileTests"/>), so an ordinary <c>dotnet test</c> runs the
/// shipped binary too.
/// </summary>
internal static partial class PublishedBinary
{
    public const string Variable = "ADMISSION_WEBHOOK_PUBLISHED";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The executable: the named folder's, or the build stage's of this test run.</summary>
    public static string Executable
    {
        get
        {
            var named = Environment.GetEnvironmentVariable(Variable);
            var folder = string.IsNullOrEmpty(named) ? DockerBuildStage.PublishedFolder() : named;
            var path = Path.Combine(folder, "AdmissionWebhook");
            Assert.True(File.Exists(path), $"{folder} holds no AdmissionWebhook executable");
            return path;
        }
    }

    /// <summary>Runs an offline command (or --version) to its end.</summary>
    public static async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("the binary did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the server on a port the kernel picks, serving <paramref name="pki"/>'s certificate.</summary>
    public static Task<Serving> ServeAsync(TestPki pki, params string[] arguments) =>
        ServeAsync(pki, new Dictionary<string, string>(StringComparer.Ordinal), arguments);

    /// <summary>As <see cref="ServeAsync(TestPki, string[])"/>, with <paramref name="environment"/> added to the process's.</summary>
    public static async Task<Serving> ServeAsync(TestPki pki, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        string[] all = ["--port", "0", $"--Webhook:TlsCert={pki.CertPath}", $"--Webhook:TlsKey={pki.KeyPath}", "--Webhook:ShutdownDelay=00:00:00", .. arguments];
        var start = StartInfo(all);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the binary did not start");
        var serving = new Serving(process);
        try
        {
            // Kestrel's start-up line (Microsoft.Hosting.Lifetime, Information) names the port it bound.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(Deadline);
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                serving.Output.AppendLine(line);
                if (ListeningOn().Match(line) is { Success: true } match)
                {
                    serving.Client = pki.CreateClient(new Uri($"https://localhost:{match.Groups[1].Value}"));
                    serving.DrainOutput();
                    return serving;
                }
            }
            throw new InvalidOperationException($"the binary exited without listening:\n{serving.Output}{await process.StandardError.ReadToEndAsync()}");
        }
        catch
        {
            await serving.DisposeAsync();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The test process's own folder: lint and review print paths relative to it, as the in-process JIT run does.
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    [GeneratedRegex(@"Now listening on: https://[^\s]*:(\d+)")]
    private static partial Regex ListeningOn();

    /// <summary>A running server; disposing stops it.</summary>
    public sealed class Serving(Process process) : IAsyncDisposable
    {
        public System.Text.StringBuilder Output { get; } = new();

        public HttpClient Client { get; set; } = null!;

        /// <summary>Keeps reading the server's output so a full pipe never blocks it.</summary>
        public void DrainOutput()
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}

using System.Diagnostics;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>Runs the command-line tools the deployment is built with (kubectl, bash, git, dotnet).</summary>
internal static class ProcessRunner
{
    /// <summary>Runs to completion; a tool that is not installed fails with a message naming it.</summary>
    public static (int ExitCode, string Output, string Error) Run(string fileName, string workingDirectory, params string[] arguments) =>
        Run(fileName, workingDirectory, environment: null, arguments);

    public static (int ExitCode, string Output, string Error) Run(
        string fileName, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            var message = fileName == "kubectl" ? Kustomize.MissingKubectl : $"{fileName} is required by the deployment tests: {e.Message}";
            throw new InvalidOperationException(message, e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}

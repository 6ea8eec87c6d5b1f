using System.Diagnostics;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>Runs <c>kubectl kustomize</c>, the renderer platform engineers use (<c>kubectl apply -k</c>).</summary>
internal static class Kustomize
{
    public const string MissingKubectl =
        "kubectl is required by the deployment tests (kubectl kustomize renders deploy/overlays) and was not found on PATH";

    public static string DeployDirectory => Path.Combine(RepositoryPaths.Root, "deploy");

    public static string Overlay(string name) => Path.Combine(DeployDirectory, "overlays", name);

    public static string Component(string name) => Path.Combine(DeployDirectory, "components", name);

    /// <summary>The YAML stream <c>kubectl kustomize <paramref name="directory"/></c> prints.</summary>
    public static string Render(string directory)
    {
        var (exitCode, output, error) = Run("kubectl", RepositoryPaths.Root, "kustomize", directory);
        Assert.True(exitCode == 0, $"kubectl kustomize {directory} failed ({exitCode}): {error}");
        return output;
    }

    /// <summary>
    /// A kustomization in a fresh temporary folder that builds on <paramref name="resource"/> with
    /// <paramref name="components"/>: what a platform team writes for the roll-out stages.
    /// </summary>
    public static string RenderWith(string resource, params string[] components)
    {
        var directory = Directory.CreateTempSubdirectory("kustomize-").FullName;
        try
        {
            var lines = new List<string>
            {
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "resources:",
                "  - " + Path.GetRelativePath(directory, resource),
            };
            if (components.Length > 0)
            {
                lines.Add("components:");
                lines.AddRange(components.Select(c => "  - " + Path.GetRelativePath(directory, c)));
            }
            File.WriteAllLines(Path.Combine(directory, "kustomization.yaml"), lines);
            return Render(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs a process to completion; a missing executable fails with a message naming it.</summary>
    public static (int ExitCode, string Output, string Error) Run(string fileName, string workingDirectory, params string[] arguments)
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
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            var message = fileName == "kubectl" ? MissingKubectl : $"{fileName} could not be started: {e.Message}";
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

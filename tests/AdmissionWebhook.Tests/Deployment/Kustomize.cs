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
        var (exitCode, output, error) = ProcessRunner.Run("kubectl", RepositoryPaths.Root, "kustomize", directory);
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
}

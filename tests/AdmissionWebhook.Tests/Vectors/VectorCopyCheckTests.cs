using AdmissionWebhook.Tests.Deployment;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>
/// <c>.ci/run</c> compares the repository's vector copy with the design folder beside the clone and stops, before any
/// test runs, with one line naming every stale file.
/// </summary>
public sealed class VectorCopyCheckTests
{
    [Fact]
    public void Ci_run_names_every_stale_vector_in_one_line_and_stops()
    {
        var upstream = Directory.CreateTempSubdirectory("shared-vectors-");
        try
        {
            CopyTree(RepositoryPaths.Vectors, upstream.FullName);
            File.AppendAllText(Path.Combine(upstream.FullName, "kubeovn", "01-nad-correct-provider.json"), "\n");
            File.WriteAllText(Path.Combine(upstream.FullName, "kubevirt", "99-new-case.json"), "{}");
            File.Delete(Path.Combine(upstream.FullName, "README.md"));

            var (exitCode, output, error) = ProcessRunner.Run("bash", RepositoryPaths.Root,
                new Dictionary<string, string?> { ["SHARED_VECTORS"] = upstream.FullName }, ".ci/run");

            Assert.Equal(1, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: stale vector copy", line, StringComparison.Ordinal);
            foreach (var name in new[] { "kubeovn/01-nad-correct-provider.json", "kubevirt/99-new-case.json", "README.md (not in" })
            {
                Assert.Contains(name, line, StringComparison.Ordinal);
            }
            Assert.Contains("tests/sync-vectors.sh", line, StringComparison.Ordinal);
            Assert.DoesNotContain("kubevirt/01-hotplug-bridge.json", line, StringComparison.Ordinal);
            Assert.DoesNotContain("passed", output, StringComparison.Ordinal);
        }
        finally
        {
            upstream.Delete(recursive: true);
        }
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}

using System.Text.RegularExpressions;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Hosting;

/// <summary>What a fresh clone must hold besides the code: the licence, the changelog of this version, a solution
/// that builds every project.</summary>
public sealed partial class RepositoryLayoutTests
{
    [Fact]
    public void License_is_the_apache_2_0_text()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "LICENSE"));

        Assert.Contains("Apache License", text, StringComparison.Ordinal);
        Assert.Contains("Version 2.0, January 2004", text, StringComparison.Ordinal);
        Assert.Contains("END OF TERMS AND CONDITIONS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Changelog_has_an_entry_for_the_version()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "CHANGELOG.md"));

        Assert.Contains($"## [{AdmissionWebhook.Hosting.BuildInfo.Version}]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Solution_holds_every_project_of_the_repository()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "AdmissionWebhook.sln"));
        var listed = ProjectPath().Matches(solution).Select(m => m.Groups[1].Value.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var projects = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj"))
            .ToList();

        Assert.Contains("tests/AdmissionWebhook.Benchmarks/AdmissionWebhook.Benchmarks.csproj", projects);
        Assert.All(projects, p => Assert.Contains(p, listed));
    }

    [GeneratedRegex(@"""([^""]+\.csproj)""", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectPath();
}

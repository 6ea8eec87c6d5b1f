namespace AdmissionWebhook.Tests.Deployment;

/// <summary>The build stage's cache: an entry is found only under its own key, whole, and never in CI.</summary>
public sealed class BuildStageCacheTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("build-stage-cache-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_stored_stage_is_found_under_its_key_with_its_files_and_modes()
    {
        var built = new DockerBuildStage.Result(Directory.CreateTempSubdirectory("built-stage-").FullName, "/src");
        try
        {
            var published = built.InContainer("/src/publish");
            Directory.CreateDirectory(Path.Combine(published, "examples"));
            File.WriteAllText(Path.Combine(published, "AdmissionWebhook"), "binary");
            File.SetUnixFileMode(Path.Combine(published, "AdmissionWebhook"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(Path.Combine(published, "examples", "nad.yaml"), "kind: NetworkAttachmentDefinition");
            File.WriteAllText(built.InContainer("/src/obj.txt"), "not copied by the runtime stage");

            Assert.Null(new BuildStageCache(folder, "one").TryLoad("/src/publish"));
            new BuildStageCache(folder, "one").Store(built, "/src/publish");

            var stored = Assert.IsType<DockerBuildStage.Result>(new BuildStageCache(folder, "one").TryLoad("/src/publish"));
            var copy = stored.InContainer("/src/publish");
            Assert.Equal("binary", File.ReadAllText(Path.Combine(copy, "AdmissionWebhook")));
            Assert.True(File.GetUnixFileMode(Path.Combine(copy, "AdmissionWebhook")).HasFlag(UnixFileMode.UserExecute));
            Assert.Equal("kind: NetworkAttachmentDefinition", File.ReadAllText(Path.Combine(copy, "examples", "nad.yaml")));
            Assert.False(File.Exists(stored.InContainer("/src/obj.txt")));
            Assert.Null(new BuildStageCache(folder, "two").TryLoad("/src/publish"));
            Assert.Equal(["one"], Directory.EnumerateDirectories(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(built.Root, recursive: true);
        }
    }

    [Fact]
    public void Storing_drops_entries_older_than_a_day_and_keeps_recent_ones()
    {
        var built = new DockerBuildStage.Result(Directory.CreateTempSubdirectory("built-stage-").FullName, "/");
        try
        {
            Directory.CreateDirectory(built.InContainer("/publish"));
            File.WriteAllText(built.InContainer("/publish/AdmissionWebhook"), "binary");
            var old = Directory.CreateDirectory(Path.Combine(folder, "old"));
            old.LastWriteTimeUtc = DateTime.UtcNow.AddDays(-2);
            Directory.CreateDirectory(Path.Combine(folder, "recent"));

            new BuildStageCache(folder, "new").Store(built, "/publish");

            Assert.Equal(["new", "recent"], Directory.EnumerateDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(built.Root, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("false", true)]
    [InlineData("true", false)]
    [InlineData("TRUE", false)]
    public void Ci_always_builds(string? ci, bool used) => Assert.Equal(used, BuildStageCache.IsUsed(ci));
}

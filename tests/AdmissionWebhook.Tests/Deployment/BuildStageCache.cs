using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// Docker's build cache for <see cref="DockerBuildStage"/>: a build stage whose inputs have not changed since it last
/// ran is not run again, so a second <c>dotnet test</c> on the same tree skips the minutes of the Native AOT compile.
/// The key hashes everything the stage's output depends on that the repository controls: the Dockerfile, .dockerignore,
/// every file each COPY sends (path and bytes), the SDK that <c>global.json</c> selects and the runtime identifier the
/// publish targets. Tools of the machine (clang, zlib) are not in the key, as Docker's cache ignores a base image that
/// moved under the same tag. Only what the runtime stage copies is kept, one folder per key under the temporary folder.
/// CI (<c>CI=true</c>) neither reads nor writes it: a clean clone proves the image builds from nothing.
/// </summary>
internal sealed class BuildStageCache
{
    /// <summary>Entries not written for this long are removed when another is stored (none still in use by a test run).</summary>
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(1);

    private static readonly string SharedFolder = Path.Combine(Path.GetTempPath(), "admission-webhook-build-stage");

    private readonly string folder;
    private readonly string entry;

    /// <summary>The entry for <paramref name="key"/> in <paramref name="folder"/> (tests give their own folder).</summary>
    public BuildStageCache(string folder, string key)
    {
        this.folder = folder;
        entry = Path.Combine(folder, key);
    }

    /// <summary>The cache for the build stage as the repository stands; null in CI.</summary>
    public static BuildStageCache? For(Dockerfile dockerfile) =>
        IsUsed(Environment.GetEnvironmentVariable("CI")) ? new BuildStageCache(SharedFolder, Key(dockerfile)) : null;

    /// <summary>CI sets <c>CI=true</c> (any case), and then always builds.</summary>
    public static bool IsUsed(string? ci) => !string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The stored stage for these inputs, when one holds the folder the runtime stage copies.</summary>
    public DockerBuildStage.Result? TryLoad(string copiedPath)
    {
        var stored = new DockerBuildStage.Result(entry, "/");
        return Directory.Exists(stored.InContainer(copiedPath)) ? stored : null;
    }

    /// <summary>Keeps the folder the runtime stage copies from a stage just built, then drops expired entries.</summary>
    public void Store(DockerBuildStage.Result built, string copiedPath)
    {
        // Written beside the entry and moved into place, so a concurrent test run sees the whole entry or none.
        var staging = new DockerBuildStage.Result($"{entry}.{Guid.NewGuid():N}.partial", "/");
        CopyFolder(built.InContainer(copiedPath), staging.InContainer(copiedPath));
        try
        {
            Directory.Move(staging.Root, entry);
        }
        catch (IOException) when (Directory.Exists(entry))
        {
            // Another test run stored the same inputs first.
            Directory.Delete(staging.Root, recursive: true);
        }
        foreach (var expired in new DirectoryInfo(folder).EnumerateDirectories().Where(d => DateTime.UtcNow - d.LastWriteTimeUtc > Expiry))
        {
            expired.Delete(recursive: true);
        }
    }

    private static string Key(Dockerfile dockerfile)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "Dockerfile")));
        Add(hash, File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, ".dockerignore")));
        var sdk = ProcessRunner.Run("dotnet", RepositoryPaths.Root, "--version");
        Assert.True(sdk.ExitCode == 0, $"dotnet --version failed: {sdk.Error}");
        Add(hash, Encoding.UTF8.GetBytes(sdk.Output.Trim()));
        Add(hash, Encoding.UTF8.GetBytes(RuntimeInformation.RuntimeIdentifier));
        foreach (var copy in dockerfile.StageNamed("build").Instructions.Where(i => i.Keyword == "COPY"))
        {
            var (files, destination) = DockerBuildStage.CopiedFiles(dockerfile, copy.Argument);
            Add(hash, Encoding.UTF8.GetBytes(destination));
            foreach (var (from, target) in files)
            {
                Add(hash, Encoding.UTF8.GetBytes(target));
                Add(hash, File.ReadAllBytes(from));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Length-prefixed, so no two different input lists hash the same bytes.</summary>
    private static void Add(IncrementalHash hash, byte[] bytes)
    {
        hash.AppendData(BitConverter.GetBytes(bytes.LongLength));
        hash.AppendData(bytes);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

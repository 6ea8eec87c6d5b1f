using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The Dockerfile's build stage carried out once per test run, without Docker: its COPY and RUN steps in a temporary
/// folder standing in for the container (the same dotnet restore and dotnet publish commands, from the same files the
/// build context would send). The Native AOT publish takes minutes, so <see cref="DockerfileTests"/> (what the stage
/// produces) and <see cref="Published.PublishedBinaryTests"/> (how the produced binary behaves) share the one build,
/// and outside CI a run whose inputs match an earlier one's reuses that run's output (<see cref="BuildStageCache"/>).
/// A failed build fails every test that needs it, each with the build's own message.
/// </summary>
internal static class DockerBuildStage
{
    private static readonly Lazy<Result> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The container's file system (a temporary folder, removed when the test process exits, or the cache's entry, which
    /// holds only what the runtime stage copies) and the stage's last WORKDIR.
    /// </summary>
    public sealed record Result(string Root, string Workdir)
    {
        /// <summary>A path as the build stage's commands see it, mapped into the stand-in folder.</summary>
        public string InContainer(string path)
        {
            var absolute = path.StartsWith('/') ? path : Workdir.TrimEnd('/') + "/" + path;
            return Path.GetFullPath(Path.Combine(Root, absolute.TrimStart('/')));
        }
    }

    /// <summary>Carries out the build stage on first use; later callers wait for the same build.</summary>
    public static Result Run() => Built.Value;

    /// <summary>The folder the runtime stage copies from the build stage (its <c>COPY --from=build SOURCE</c>).</summary>
    public static string PublishedFolder() => Run().InContainer(RuntimeCopySource(Dockerfile.Load()));

    private static string RuntimeCopySource(Dockerfile dockerfile)
    {
        var copy = Assert.Single(dockerfile.StageNamed("runtime").Arguments("COPY")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("--from=build", copy[0]);
        return copy[1];
    }

    /// <summary>The stage as it last ran with the same inputs (<see cref="BuildStageCache"/>), else carried out now.</summary>
    private static Result Build()
    {
        var dockerfile = Dockerfile.Load();
        var cache = BuildStageCache.For(dockerfile);
        var copied = RuntimeCopySource(dockerfile);
        if (cache?.TryLoad(copied) is { } stored)
        {
            return stored;
        }
        var built = BuildFromNothing(dockerfile);
        cache?.Store(built, copied);
        return built;
    }

    private static Result BuildFromNothing(Dockerfile dockerfile)
    {
        var root = Directory.CreateTempSubdirectory("docker-build-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        var stage = new Result(root, "/");
        var buildArgs = CleanEnvironment();
        foreach (var instruction in dockerfile.StageNamed("build").Instructions)
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    // A stage's ARG NAME takes the global default; RUN sees it as an environment variable.
                    buildArgs[instruction.Argument] = dockerfile.GlobalArgDefault(instruction.Argument);
                    break;
                case "WORKDIR":
                    stage = stage with { Workdir = instruction.Argument };
                    Directory.CreateDirectory(stage.InContainer("."));
                    break;
                case "COPY":
                    Copy(dockerfile, stage, instruction.Argument);
                    break;
                case "RUN":
                    var (exitCode, output, error) = ProcessRunner.Run("bash", stage.InContainer("."), buildArgs, "-c", instruction.Argument);
                    Assert.True(exitCode == 0, $"RUN {instruction.Argument} failed ({exitCode}):\n{output}\n{error}");
                    break;
                default:
                    Assert.Fail($"the test does not know how to carry out {instruction.Keyword} in the build stage");
                    break;
            }
        }
        return stage;
    }

    /// <summary>COPY &lt;sources...&gt; &lt;dest&gt; from the build context (the repository, less .dockerignore).</summary>
    private static void Copy(Dockerfile dockerfile, Result stage, string argument)
    {
        var (files, destination) = CopiedFiles(dockerfile, argument);
        foreach (var (from, target) in files)
        {
            var path = Path.Combine(stage.InContainer(destination), target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(from, path, overwrite: true);
        }
    }

    /// <summary>
    /// The files a COPY sends from the build context, each with its path under the destination, in a stable order: a
    /// folder's files less those .dockerignore excludes, a single file by its name.
    /// </summary>
    public static (IReadOnlyList<(string From, string Target)> Files, string Destination) CopiedFiles(Dockerfile dockerfile, string argument)
    {
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(parts, p => p.StartsWith("--", StringComparison.Ordinal));
        var files = new List<(string From, string Target)>();
        foreach (var source in parts[..^1])
        {
            var from = Path.Combine(RepositoryPaths.Root, source);
            if (Directory.Exists(from))
            {
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (!dockerfile.IsIgnored(Path.GetRelativePath(RepositoryPaths.Root, file)))
                    {
                        files.Add((file, Path.GetRelativePath(from, file)));
                    }
                }
            }
            else
            {
                Assert.True(File.Exists(from), $"COPY source {source} is not in the repository");
                Assert.False(dockerfile.IsIgnored(source), $"COPY source {source} is excluded by .dockerignore");
                files.Add((from, Path.GetFileName(from)));
            }
        }
        return (files, parts[^1]);
    }

    /// <summary>A container starts with none of the variables the test runner's own dotnet/MSBuild process sets.</summary>
    private static Dictionary<string, string?> CleanEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("DOTNET_HOST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        return environment;
    }
}

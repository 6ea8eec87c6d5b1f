using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The Dockerfile's build stage carried out once per test run, without Docker: its COPY and RUN steps in a temporary
/// folder standing in for the container (the same dotnet restore and dotnet publish commands, from the same files the
/// build context would send). The Native AOT publish takes minutes, so <see cref="DockerfileTests"/> (what the stage
/// produces) and <see cref="Published.PublishedBinaryTests"/> (how the produced binary behaves) share the one build.
/// A failed build fails every test that needs it, each with the build's own message.
/// </summary>
internal static class DockerBuildStage
{
    private static readonly Lazy<Result> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The container's file system (a temporary folder, removed when the test process exits) and the stage's last WORKDIR.</summary>
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
    public static string PublishedFolder()
    {
        var copy = Assert.Single(Dockerfile.Load().StageNamed("runtime").Arguments("COPY")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("--from=build", copy[0]);
        return Run().InContainer(copy[1]);
    }

    private static Result Build()
    {
        var dockerfile = Dockerfile.Load();
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
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(parts, p => p.StartsWith("--", StringComparison.Ordinal));
        var destination = stage.InContainer(parts[^1]);
        foreach (var source in parts[..^1])
        {
            var from = Path.Combine(RepositoryPaths.Root, source);
            if (Directory.Exists(from))
            {
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
                    if (!dockerfile.IsIgnored(relative))
                    {
                        var target = Path.Combine(destination, Path.GetRelativePath(from, file));
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.Copy(file, target, overwrite: true);
                    }
                }
            }
            else
            {
                Assert.True(File.Exists(from), $"COPY source {source} is not in the repository");
                Assert.False(dockerfile.IsIgnored(source), $"COPY source {source} is excluded by .dockerignore");
                Directory.CreateDirectory(destination);
                File.Copy(from, Path.Combine(destination, Path.GetFileName(from)), overwrite: true);
            }
        }
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

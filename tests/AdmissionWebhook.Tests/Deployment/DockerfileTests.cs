using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The Dockerfile without Docker: its build stage is carried out (<see cref="DockerBuildStage"/>, shared with the tests
/// of the binary it publishes), and the runtime stage must find what it copies and runs. The image settings must agree
/// with the Deployment.
/// </summary>
public sealed class DockerfileTests
{
    [Fact]
    public void Build_stage_publishes_the_entry_assembly_the_runtime_stage_runs()
    {
        var dockerfile = Dockerfile.Load();
        var runtime = dockerfile.StageNamed("runtime");
        var published = DockerBuildStage.PublishedFolder();
        var entrypoint = Assert.Single(runtime.Entrypoint);
        // The runtime stage runs the executable it copied into its own WORKDIR.
        Assert.Equal(Assert.Single(runtime.Arguments("WORKDIR")).TrimEnd('/') + "/" + Path.GetFileName(entrypoint), entrypoint);
        var executable = Path.Combine(published, Path.GetFileName(entrypoint));
        Assert.True(File.Exists(executable), $"{entrypoint} was not published to {published}");
        // Start-up time and memory depend on it (README, Performance): one native executable, no managed entry
        // assembly for a runtime to load (the runtime image has none).
        Assert.True(IsElfExecutable(executable), $"{entrypoint} is not a native executable");
        Assert.False(File.Exists(Path.Combine(published, "AdmissionWebhook.dll")), "a managed AdmissionWebhook.dll was published beside the native binary");
        var version = ProcessRunner.Run(executable, published, "--version");
        Assert.Equal($"AdmissionWebhook {dockerfile.GlobalArgDefault("VERSION")}\n", version.Output);
        Assert.True(File.Exists(Path.Combine(published, "appsettings.json")));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(published, "examples"), "*.yaml"));
        Assert.Empty(Directory.EnumerateFiles(published, "*.key", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(published, "*.pem", SearchOption.AllDirectories));
        // Symbols and XML documentation are for the build machine; the image copies this folder whole.
        Assert.Empty(Directory.EnumerateFiles(published, "*.pdb", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(published, "*.xml", SearchOption.AllDirectories));
    }

    /// <summary>An ELF file (the native AOT executable) starts with 0x7F 'E' 'L' 'F'; a managed assembly starts with "MZ".</summary>
    private static bool IsElfExecutable(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.Read(magic) == 4 && magic.SequenceEqual("\u007FELF"u8);
    }

    [Fact]
    public void Images_are_the_sdk_for_building_and_runtime_deps_for_running_the_native_binary()
    {
        var dockerfile = Dockerfile.Load();
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.StageNamed("build").Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0", dockerfile.StageNamed("runtime").Image, StringComparison.Ordinal);
        Assert.Equal("runtime", dockerfile.Stages[^1].Name);
    }

    [Fact]
    public void Runtime_image_runs_as_the_deployments_non_root_user_on_the_container_port()
    {
        var runtime = Dockerfile.Load().StageNamed("runtime");
        var manifests = Manifests.Overlay("self-signed");
        var user = long.Parse(Assert.Single(runtime.Arguments("USER")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0, user);
        Assert.Equal(manifests.Deployment.Spec.Template.Spec.SecurityContext.RunAsUser, user);
        var exposed = int.Parse(Assert.Single(runtime.Arguments("EXPOSE")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new WebhookOptions().Port, exposed);
        Assert.Equal(Assert.Single(manifests.Container.Ports, p => p.Name == "https").ContainerPort, exposed);
    }

    [Fact]
    public void No_secret_can_reach_the_build_context()
    {
        var dockerfile = Dockerfile.Load();
        Assert.True(dockerfile.IsIgnored("certs/out/tls.key"));
        Assert.True(dockerfile.IsIgnored("src/AdmissionWebhook/dev.key"));
        Assert.True(dockerfile.IsIgnored("src/AdmissionWebhook/dev-ca.pem"));
        Assert.True(dockerfile.IsIgnored("src/AdmissionWebhook/obj/project.assets.json"));
        Assert.False(dockerfile.IsIgnored("src/AdmissionWebhook/Program.cs"));
        Assert.False(dockerfile.IsIgnored("deploy/examples/attachnet-nad.yaml"));
        Assert.All(dockerfile.Global.Concat(dockerfile.Stages.SelectMany(s => s.Instructions)), i =>
        {
            // The one build argument is the version; a secret passed as one would stay in the image history.
            Assert.True(i.Keyword != "ARG" || i.Argument.StartsWith("VERSION", StringComparison.Ordinal), $"ARG {i.Argument}");
            Assert.DoesNotContain("certs", i.Argument, StringComparison.Ordinal);
            Assert.DoesNotContain("PASSWORD", i.Argument, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("TOKEN", i.Argument, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Image_version_label_defaults_to_the_project_version()
    {
        var dockerfile = Dockerfile.Load();
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        var projectVersion = Assert.Single(props.Descendants("Version")).Value;

        Assert.Equal(projectVersion, dockerfile.GlobalArgDefault("VERSION"));
        Assert.Equal(AdmissionWebhook.Hosting.BuildInfo.Version, projectVersion);
        var runtime = dockerfile.StageNamed("runtime");
        Assert.Contains("VERSION", runtime.Arguments("ARG"));
        Assert.Contains(runtime.Arguments("LABEL"), l => l.Contains("org.opencontainers.image.version=\"${VERSION}\"", StringComparison.Ordinal));
        Assert.Contains(dockerfile.StageNamed("build").Arguments("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal) && r.Contains("-p:Version=${VERSION}", StringComparison.Ordinal));
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// The runtime settings the load figures were measured with (README, Performance) are those that ship: the GC and JIT
/// settings live in the webhook's runtimeconfig (the JIT build's file; the Native AOT compiler embeds the same
/// configuration properties in the binary) or in the image's environment, the Deployment does not override them, and
/// the load scripts start the webhook with the image's environment and publish it with the Dockerfile's switches.
/// </summary>
public sealed partial class RuntimeSettingsTests
{
    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Fact]
    public void Runtimeconfig_selects_workstation_non_concurrent_gc_without_tiered_pgo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "AdmissionWebhook.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    [Fact]
    public void Image_sets_the_gen0_budget_in_hexadecimal_as_the_runtime_reads_it()
    {
        var environment = ImageEnvironment();
        var gen0 = Assert.Contains("DOTNET_GCgen0size", environment);
        // The runtime reads DOTNET_ GC numbers as hexadecimal: 400000 is 4 MiB, not 400 kB.
        Assert.Equal(4 * 1024 * 1024, Convert.ToInt32(gen0, 16));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Deployment_leaves_the_runtime_settings_to_the_image(string overlay)
    {
        var container = Manifests.Overlay(overlay).Container;
        Assert.DoesNotContain(container.Env ?? [], e => e.Name.StartsWith("DOTNET_", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_scripts_start_the_webhook_with_the_images_environment()
    {
        foreach (var script in new[] { "run-load.sh", "run-worst-case.sh" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "AdmissionWebhook.Benchmarks", "load", script));
            Assert.Contains("image-env.sh", text, StringComparison.Ordinal);
            // No DOTNET_ setting of the scripts' own beyond the heap limit the worst case models (the Deployment's 256Mi).
            foreach (Match setting in ScriptSetting().Matches(text))
            {
                Assert.Equal("DOTNET_GCHeapHardLimit", setting.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void Load_scripts_publish_the_webhook_with_the_Dockerfiles_switches()
    {
        var load = Path.Combine(RepositoryPaths.Root, "tests", "AdmissionWebhook.Benchmarks", "load");
        foreach (var script in new[] { "run-load.sh", "run-worst-case.sh", "startup.sh", "published-tests.sh" })
        {
            var text = File.ReadAllText(Path.Combine(load, script));
            Assert.Contains("publish_webhook ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("dotnet publish \"$root/src/AdmissionWebhook", text, StringComparison.Ordinal);
        }

        // lib.sh reads the switches from the Dockerfile's own publish: Native AOT for the build machine.
        var (exitCode, output, error) = ProcessRunner.Run("bash", RepositoryPaths.Root,
            "-c", $"root='{RepositoryPaths.Root}'; . '{Path.Combine(load, "lib.sh")}'; image_publish_switches");
        Assert.True(exitCode == 0, error);
        var publish = Assert.Single(Dockerfile.Load().StageNamed("build").Arguments("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal));
        var expected = publish.Split([' ', '\\', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word == "--use-current-runtime" || (word.StartsWith("-p:", StringComparison.Ordinal) && !word.StartsWith("-p:Version=", StringComparison.Ordinal)));
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["--use-current-runtime", "-p:PublishAot=true"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The runtime stage's <c>ENV NAME=value</c> instructions.</summary>
    internal static Dictionary<string, string> ImageEnvironment() =>
        Dockerfile.Load().StageNamed("runtime").Arguments("ENV")
            .Select(argument => argument.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    [GeneratedRegex(@"\b(DOTNET_[A-Za-z0-9_]+)=")]
    private static partial Regex ScriptSetting();
}

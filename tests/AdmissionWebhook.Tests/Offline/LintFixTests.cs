using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Offline;

/// <summary><c>lint --fix</c> end to end: the mutating webhook's repairs written into the manifests, which then lint clean.</summary>
public sealed class LintFixTests
{
    /// <summary>Fixtures the mutating webhook repairs on CREATE, and the line that must change (only that line).</summary>
    public static TheoryData<string, int> Fixable => new()
    {
        { "nad-missing-server-socket.yaml", 8 },
        { "nad-provider-missing-ovn-suffix.yaml", 8 },
        { "subnet-provider-missing-ovn-suffix.yaml", 8 },
    };

    [Theory]
    [MemberData(nameof(Fixable))]
    public async Task Fix_output_lints_clean_and_changes_only_the_mutated_value(string fixture, int changedLine)
    {
        var path = CliRunner.Fixture(fixture);
        var before = await CliRunner.RunAsync(["lint", path]);
        Assert.True(before.ExitCode == 1 && before.Out.Contains("[fixable]", StringComparison.Ordinal), $"the fixture should need a fix:\n{before}");

        var fixedRun = await CliRunner.RunAsync(["lint", "--fix", path]);

        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.DoesNotContain("re-serialised", fixedRun.Error, StringComparison.Ordinal);
        var after = await CliRunner.RunAsync(["lint", "-"], fixedRun.Out);
        Assert.True(after.ExitCode == 0, $"the fixed manifests do not lint clean:\n{after}\n--- fixed\n{fixedRun.Out}");

        var original = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Split('\n');
        var written = fixedRun.Out.Split('\n');
        var changedLines = Enumerable.Range(0, Math.Max(original.Length, written.Length))
            .Where(i => i >= original.Length || i >= written.Length || original[i] != written[i])
            .Select(i => i + 1)
            .ToList();
        // The seed-style config spans lines 8-13; the fix rewrites that one scalar, so the lines after it shift.
        Assert.Equal(changedLine, changedLines.FirstOrDefault());
        Assert.EndsWith(string.Join('\n', original.SkipWhile(line => !line.StartsWith("---", StringComparison.Ordinal))), fixedRun.Out, StringComparison.Ordinal);
        Assert.Equal(original.Take(changedLine - 1), written.Take(changedLine - 1));
    }

    [Fact]
    public async Task Fix_of_clean_manifests_prints_them_unchanged()
    {
        var path = Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml");

        var result = await CliRunner.RunAsync(["lint", "--fix", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), result.Out);
    }

    [Fact]
    public async Task Fix_of_several_files_prints_one_yaml_stream_that_lints_clean()
    {
        var nad = CliRunner.Fixture("nad-missing-server-socket.yaml");
        var vm = Path.Combine(RepositoryPaths.Examples, "vm-fedora.yaml");

        var result = await CliRunner.RunAsync(["lint", "--fix", nad, vm]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"# Source: {nad}\n", result.Out, StringComparison.Ordinal);
        Assert.Contains($"\n---\n# Source: {vm}\n", result.Out, StringComparison.Ordinal);
        Assert.EndsWith(await File.ReadAllTextAsync(vm, TestContext.Current.CancellationToken), result.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(["lint", "-"], result.Out)).ExitCode);
    }

    [Fact]
    public async Task Fix_leaves_denials_in_place_and_exits_1()
    {
        var path = CliRunner.Fixture("vm-interface-without-network.yaml");

        var result = await CliRunner.RunAsync(["lint", "--fix", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), result.Out);
        Assert.Contains(":16: VmInterfaceWithoutNetwork: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_with_write_rewrites_the_file_in_place()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"fix-{Guid.NewGuid():N}.yaml");
        File.Copy(CliRunner.Fixture("nad-missing-server-socket.yaml"), copy);
        try
        {
            var printed = await CliRunner.RunAsync(["lint", "--fix", copy]);
            var written = await CliRunner.RunAsync(["lint", "--fix", "--write", copy]);

            Assert.Equal(0, written.ExitCode);
            Assert.Empty(written.Out);
            Assert.Equal(printed.Out, await File.ReadAllTextAsync(copy, TestContext.Current.CancellationToken));
            Assert.Equal(0, (await CliRunner.RunAsync(["lint", copy])).ExitCode);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}

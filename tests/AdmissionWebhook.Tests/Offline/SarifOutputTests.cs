using System.Text.Json.Nodes;
using AdmissionWebhook.Rules;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>
/// SARIF 2.1.0 output checked against the required properties of its schema (sarif-schema-2.1.0.json): sarifLog
/// needs version and runs; run needs tool; tool needs driver; toolComponent needs name; reportingDescriptor needs
/// id; result needs message (with text); region.startLine is at least 1; level is none, note, warning or error.
/// Plus what GitHub code scanning needs: ruleId, a relative artifact uri with forward slashes.
/// </summary>
public sealed class SarifOutputTests
{
    [Fact]
    public async Task Sarif_has_every_required_property_of_the_schema()
    {
        var result = await CliRunner.RunAsync(["lint", "--format", "sarif", "--sarif-root", TestSupport.RepositoryPaths.Root, CliRunner.Fixtures]);

        Assert.Equal(1, result.ExitCode);
        var log = JsonNode.Parse(result.Out)!.AsObject();
        Assert.Equal("2.1.0", log["version"]!.GetValue<string>());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", log["$schema"]!.GetValue<string>());
        var run = Assert.Single(log["runs"]!.AsArray())!.AsObject();
        var driver = run["tool"]!["driver"]!.AsObject();
        Assert.Equal("AdmissionWebhook", driver["name"]!.GetValue<string>());
        var rules = driver["rules"]!.AsArray();
        Assert.Equal(RuleCatalog.All.Count, rules.Count);
        var ruleIds = rules.Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r!["shortDescription"]!["text"]!.GetValue<string>())));

        var results = run["results"]!.AsArray();
        Assert.NotEmpty(results);
        foreach (var item in results)
        {
            var ruleId = item!["ruleId"]!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(item["message"]!["text"]!.GetValue<string>()));
            Assert.Contains(item["level"]!.GetValue<string>(), new[] { "none", "note", "warning", "error" });
            if (item["ruleIndex"] is { } index)
            {
                Assert.Equal(ruleId, ruleIds[index.GetValue<int>()]);
            }
            var location = Assert.Single(item["locations"]!.AsArray())!["physicalLocation"]!;
            var uri = location["artifactLocation"]!["uri"]!.GetValue<string>();
            Assert.StartsWith("tests/AdmissionWebhook.Tests/Offline/Fixtures/", uri, StringComparison.Ordinal);
            Assert.DoesNotContain('\\', uri);
            Assert.False(Path.IsPathRooted(uri), uri);
            Assert.True(location["region"]!["startLine"]!.GetValue<int>() >= 1);
        }
    }

    [Fact]
    public async Task Sarif_locates_a_finding_at_its_file_and_line()
    {
        var result = await CliRunner.RunAsync(["lint", "--format", "sarif", "--sarif-root", TestSupport.RepositoryPaths.Root, CliRunner.Fixture("vm-interface-without-network.yaml")]);

        var found = JsonNode.Parse(result.Out)!["runs"]![0]!["results"]!.AsArray()
            .Single(r => r!["ruleId"]!.GetValue<string>() == "VmInterfaceWithoutNetwork")!;
        Assert.Equal("error", found["level"]!.GetValue<string>());
        var location = found["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("tests/AdmissionWebhook.Tests/Offline/Fixtures/vm-interface-without-network.yaml", location["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal(16, location["region"]!["startLine"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sarif_of_clean_manifests_has_no_results_and_exit_0()
    {
        var result = await CliRunner.RunAsync(["lint", "--format", "sarif", TestSupport.RepositoryPaths.Examples]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(JsonNode.Parse(result.Out)!["runs"]![0]!["results"]!.AsArray());
    }

    [Fact]
    public async Task Tool_version_is_the_one_version_prints()
    {
        var version = await CliRunner.RunAsync(["--version"]);
        var sarif = await CliRunner.RunAsync(["lint", "--format", "sarif", TestSupport.RepositoryPaths.Examples]);

        Assert.Equal(0, version.ExitCode);
        var driverVersion = JsonNode.Parse(sarif.Out)!["runs"]![0]!["tool"]!["driver"]!["version"]!.GetValue<string>();
        Assert.Equal($"AdmissionWebhook {driverVersion}\n", version.Out);
        Assert.NotEqual("1.0.0.0", driverVersion);
    }
}

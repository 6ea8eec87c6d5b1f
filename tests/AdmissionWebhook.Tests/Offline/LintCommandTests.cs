using System.Text.Json.Nodes;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Offline;

/// <summary><c>lint</c> end to end: the seed, the classic mistakes (code and line), formats, inputs, exit codes.</summary>
public sealed class LintCommandTests
{
    [Fact]
    public async Task Seed_manifests_lint_clean()
    {
        var result = await CliRunner.RunAsync(["lint", RepositoryPaths.Examples]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 object(s) checked: 0 denied, 0 error(s), 0 fixable, 0 warning(s)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_manifests_lint_clean_as_json_with_every_object_allowed()
    {
        var result = await CliRunner.RunAsync(["lint", "--format", "json", RepositoryPaths.Examples]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var objects = JsonNode.Parse(result.Out)!["objects"]!.AsArray();
        Assert.Equal(["NetworkAttachmentDefinition default/attachnet", "Subnet attachnet", "VirtualMachine default/vm-fedora"],
            objects.Select(o => $"{o!["kind"]} {(o["namespace"]!.GetValue<string>().Length > 0 ? o["namespace"] + "/" : string.Empty)}{o["name"]}").Order(StringComparer.Ordinal));
        Assert.All(objects, o => Assert.Empty(o!["findings"]!.AsArray()));
        Assert.All(objects, o => Assert.True(o!["allowed"]!.GetValue<bool>()));
    }

    /// <summary>The classic mistakes of kubeovn-facts.md §5 and kubevirt-facts.md §10 (and the basic config errors),
    /// each in a fixture of its own: the code, the line of the offending field, and the severity.</summary>
    public static TheoryData<string, string, int, string> ClassicMistakes => new()
    {
        { "nad-invalid-json.yaml", "NadConfigInvalidJson", 8, "error" },
        { "nad-invalid-json.json", "NadConfigInvalidJson", 9, "error" },
        { "subnet-cidr-invalid.yaml", "SubnetCidrInvalid", 9, "error" },
        { "vm-interface-without-network.yaml", "VmInterfaceWithoutNetwork", 16, "error" },
        { "nad-provider-missing-ovn-suffix.yaml", "NadProviderMismatch", 8, "fixable" },
        { "nad-missing-server-socket.yaml", "NadServerSocketMissing", 8, "fixable" },
        { "subnet-provider-missing-ovn-suffix.yaml", "SubnetProviderFlavourMismatch", 8, "fixable" },
        { "subnet-provider-nad-missing.yaml", "SubnetProviderNadMissing", 16, "warning" },
        { "subnet-protocol-lowercase.yaml", "SubnetProtocolInvalid", 7, "error" },
        { "subnet-duplicate-provider.yaml", "SubnetProviderDuplicate", 16, "error" },
        { "subnet-duplicate-provider.yaml", "SubnetProviderDuplicate", 25, "error" },
        { "vm-duplicate-mac.yaml", "VmMacInvalid", 17, "error" },
        { "vm-two-bindings.yaml", "VmBindingInvalid", 16, "error" },
        { "vm-nad-missing.yaml", "VmNadMissing", 21, "warning" },
    };

    [Theory]
    [MemberData(nameof(ClassicMistakes))]
    public async Task Classic_mistake_lints_with_its_code_at_its_line(string fixture, string code, int line, string severity)
    {
        var path = CliRunner.Fixture(fixture);
        var json = await CliRunner.RunAsync(["lint", "--format", "json", path]);
        var findings = JsonNode.Parse(json.Out)!["objects"]!.AsArray()
            .SelectMany(o => o!["findings"]!.AsArray())
            .Select(f => (Code: f!["code"]!.GetValue<string>(), Line: f["line"]!.GetValue<int>(), Severity: f["severity"]!.GetValue<string>()))
            .ToList();

        Assert.True(findings.Contains((code, line, severity)),
            $"expected {code} ({severity}) at line {line}, got [{string.Join(", ", findings)}]\n{json}");
        Assert.Equal(severity == "warning" && findings.All(f => f.Severity == "warning") ? 0 : 1, json.ExitCode);

        var text = await CliRunner.RunAsync(["lint", path]);
        Assert.Contains($"{path}:{line}: {code}: ", text.Out, StringComparison.Ordinal);
        Assert.Equal(json.ExitCode, text.ExitCode);
    }

    [Fact]
    public async Task Text_output_groups_findings_under_their_object()
    {
        var path = CliRunner.Fixture("vm-interface-without-network.yaml");

        var result = await CliRunner.RunAsync(["lint", path]);

        var lines = result.Out.Split('\n');
        var header = Array.IndexOf(lines, $"{path}:2: VirtualMachine default/vm-fedora");
        Assert.True(header >= 0, result.ToString());
        Assert.StartsWith($"{path}:16: VmInterfaceWithoutNetwork: interface \"dyniface1\" has no network", lines[header + 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_in_separate_files_form_one_cluster()
    {
        // The VM's NAD and the NAD's Subnet are in other files: the VM must not be told its NAD is missing.
        var result = await CliRunner.RunAsync(["lint", "--format", "json",
            Path.Combine(RepositoryPaths.Examples, "vm-fedora.yaml"),
            Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"),
            Path.Combine(RepositoryPaths.Examples, "attachnet-subnet.yaml")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, JsonNode.Parse(result.Out)!["objects"]!.AsArray().Count);
    }

    [Fact]
    public async Task Standard_input_is_read_for_a_dash()
    {
        var text = await File.ReadAllTextAsync(CliRunner.Fixture("vm-interface-without-network.yaml"), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["lint", "-"], text);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("-:16: VmInterfaceWithoutNetwork: ", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n")]
    [InlineData("")]
    [InlineData("# only a comment\n---\n")]
    public async Task Nothing_to_check_exits_2(string stdin)
    {
        var result = await CliRunner.RunAsync(["lint", "-"], stdin);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("0 object(s) checked", result.Out, StringComparison.Ordinal);
        Assert.Contains("lint: nothing to check: no NetworkAttachmentDefinition, Subnet or VirtualMachine in -", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_folder_is_nothing_to_check()
    {
        var folder = Directory.CreateTempSubdirectory("lint-empty-");
        try
        {
            var result = await CliRunner.RunAsync(["lint", folder.FullName]);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("nothing to check", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Object_the_webhook_cannot_decode_is_an_error_finding()
    {
        var result = await CliRunner.RunAsync(["lint", "-"], "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm\nspec: 5\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("-:5:1: ObjectInvalid: not a valid VirtualMachine: spec: expected an object", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undecodable_nad_is_an_error_finding_naming_file_line_and_column()
    {
        var result = await CliRunner.RunAsync(["lint", "-"], "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: n\nspec: [1]\n");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("-:5:1: ObjectInvalid: not a valid NetworkAttachmentDefinition: spec: expected an object", result.Out, StringComparison.Ordinal);
    }

    /// <summary>The position is the field's own in the manifest, and the type is said in Kubernetes terms.</summary>
    [Theory]
    [InlineData("kind: Subnet\napiVersion: kubeovn.io/v1\nmetadata:\n  name: s\nspec:\n  cidrBlock: 10.0.0.0/24\n  excludeIps: 10.0.0.1\n",
        "-:7:3: ObjectInvalid: not a valid Subnet: spec.excludeIps: expected a list of strings")]
    [InlineData("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm\n  labels: [a]\nspec:\n  template:\n    spec:\n      networks:\n      - name: 5\n",
        "-:5:3: ObjectInvalid: not a valid VirtualMachine: metadata.labels: expected a map of strings")]
    [InlineData("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm\nspec:\n  template:\n    spec:\n      networks:\n      - name: n\n        multus: {networkName: [x]}\n",
        "-:10:18: ObjectInvalid: not a valid VirtualMachine: spec.template.spec.networks[0].multus.networkName: expected a string")]
    public async Task Decode_error_names_field_position_and_expected_type(string manifest, string expected)
    {
        var result = await CliRunner.RunAsync(["lint", "-"], manifest);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", result.Out, StringComparison.Ordinal);
    }

    /// <summary>What the API server refuses outright: a hot-plug snippet pasted without the VM around it, no name.</summary>
    [Theory]
    [InlineData("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm\n", "spec is required")]
    [InlineData("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm\nspec:\n  running: true\n", "spec.template is required")]
    [InlineData("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  namespace: ns\nspec:\n  template: {}\n", "metadata.name is required")]
    [InlineData("apiVersion: kubeovn.io/v1\nkind: Subnet\nmetadata: {}\nspec:\n  cidrBlock: 10.0.0.0/24\n", "metadata.name is required")]
    public async Task Object_the_api_server_refuses_is_invalid_in_lint_and_review(string manifest, string expected)
    {
        var lint = await CliRunner.RunAsync(["lint", "-"], manifest);
        var review = await CliRunner.RunAsync(["review", "--new", "-"], manifest);

        Assert.True(lint.ExitCode == 1, lint.ToString());
        Assert.Contains($": ObjectInvalid: {expected}", lint.Out, StringComparison.Ordinal);
        Assert.True(review.ExitCode == 2, review.ToString());
        Assert.Contains(expected, review.Error, StringComparison.Ordinal);
        Assert.Empty(review.Out);
    }

    [Fact]
    public async Task Generate_name_stands_in_for_the_name()
    {
        var manifest = "apiVersion: kubeovn.io/v1\nkind: Subnet\nmetadata:\n  generateName: s-\nspec:\n  cidrBlock: 10.0.0.0/24\n";

        var result = await CliRunner.RunAsync(["lint", "--format", "json", "-"], manifest);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var checkedObject = Assert.Single(JsonNode.Parse(result.Out)!["objects"]!.AsArray())!;
        Assert.Equal("Subnet", checkedObject["kind"]!.GetValue<string>());
        Assert.DoesNotContain("metadata.name is required", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vm_carrying_a_deletion_timestamp_is_still_checked()
    {
        // A CREATE clears metadata.deletionTimestamp, so the object is reviewed as new, not let through as terminating.
        var text = await File.ReadAllTextAsync(CliRunner.Fixture("vm-interface-without-network.yaml"), TestContext.Current.CancellationToken);
        var terminating = text.Replace("metadata:\n", "metadata:\n  deletionTimestamp: \"2025-01-01T00:00:00Z\"\n", StringComparison.Ordinal);
        Assert.NotEqual(text, terminating);

        var result = await CliRunner.RunAsync(["lint", "-"], terminating);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(": VmInterfaceWithoutNetwork: ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_yaml_is_a_finding_of_its_own_and_exits_2()
    {
        var result = await CliRunner.RunAsync(["lint", "-"], "apiVersion: v1\nkind: Subnet\nmetadata:\n  name: [unclosed\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"(?m)^-:\d+:\d+: ManifestUnreadable: not valid YAML", result.Out);
    }

    [Fact]
    public async Task Missing_path_is_an_input_error_naming_it()
    {
        var result = await CliRunner.RunAsync(["lint", "/nonexistent/manifests.yaml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/manifests.yaml: no such file or folder", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("lint --format xml deploy")]
    [InlineData("lint --bogus deploy")]
    [InlineData("lint --write deploy")]
    [InlineData("lint --format")]
    public async Task Usage_errors_exit_2_with_a_message(string commandLine)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("lint: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("(see lint --help)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unusable_kubeconfig_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(["lint", "--kubeconfig", "/nonexistent/kubeconfig", RepositoryPaths.Examples]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("lint: --kubeconfig: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Rule_overrides_from_a_config_file_apply()
    {
        var config = Path.Combine(Path.GetTempPath(), $"lint-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{"Rules": {"VmInterfaceWithoutNetwork": "Warn"}}""", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRunner.RunAsync(["lint", "--config", config, CliRunner.Fixture("vm-interface-without-network.yaml")]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains(":16: VmInterfaceWithoutNetwork: ", result.Out, StringComparison.Ordinal);
            Assert.Contains("[warning]", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Unknown_rule_code_in_config_is_a_usage_error()
    {
        var config = Path.Combine(Path.GetTempPath(), $"lint-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{"Rules": {"NoSuchRule": "Warn"}}""", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRunner.RunAsync(["lint", "--config", config, RepositoryPaths.Examples]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("Rules:NoSuchRule", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }
}

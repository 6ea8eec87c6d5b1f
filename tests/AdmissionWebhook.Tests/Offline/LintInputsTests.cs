using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Offline;

/// <summary>
/// What lint reads: a broken file is reported on its own and every other file is still checked; an object defined
/// twice is reported; a folder walk leaves build output and hidden folders alone; an unreachable cluster fails fast.
/// </summary>
public sealed class LintInputsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lint-inputs-");

    private string Copy(string fixture, string relative)
    {
        var target = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(fixture, target, overwrite: true);
        return target;
    }

    private string Write(string relative, string text)
    {
        var target = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
        return target;
    }

    [Fact]
    public async Task Broken_file_is_reported_and_every_other_file_is_still_checked()
    {
        var vm = Copy(CliRunner.Fixture("vm-interface-without-network.yaml"), "a-vm.yaml");
        var subnet = Copy(CliRunner.Fixture("subnet-cidr-invalid.yaml"), "c-subnet.yaml");
        // A docs page pasted as one document: its second object's keys collide with the first's.
        var broken = Write("b-broken.yaml", "apiVersion: kubeovn.io/v1\nkind: Subnet\nmetadata:\n  name: x\napiVersion: v1\n");

        var text = await CliRunner.RunAsync(["lint", _folder.FullName]);
        var json = await CliRunner.RunAsync(["lint", "--format", "json", _folder.FullName]);
        var sarif = await CliRunner.RunAsync(["lint", "--format", "sarif", "--sarif-root", _folder.FullName, _folder.FullName]);

        Assert.True(text.ExitCode == 2, text.ToString());
        Assert.Contains($"{broken}:5:1: ManifestUnreadable: not valid YAML: Duplicate key apiVersion", text.Out, StringComparison.Ordinal);
        Assert.Contains($"{vm}:16: VmInterfaceWithoutNetwork: ", text.Out, StringComparison.Ordinal);
        Assert.Contains($"{subnet}:9: SubnetCidrInvalid: ", text.Out, StringComparison.Ordinal);
        Assert.Contains("1 file(s) could not be read", text.Out, StringComparison.Ordinal);

        Assert.Equal(2, json.ExitCode);
        var report = JsonNode.Parse(json.Out)!;
        var inputError = Assert.Single(report["inputErrors"]!.AsArray())!;
        Assert.Equal(broken, inputError["source"]!.GetValue<string>());
        Assert.Equal(5, inputError["line"]!.GetValue<int>());
        Assert.Equal(1, report["summary"]!["inputErrors"]!.GetValue<int>());
        Assert.Equal(2, report["objects"]!.AsArray().Count);

        Assert.Equal(2, sarif.ExitCode);
        var results = JsonNode.Parse(sarif.Out)!["runs"]![0]!["results"]!.AsArray();
        var unreadable = Assert.Single(results, r => r!["ruleId"]!.GetValue<string>() == "ManifestUnreadable")!;
        Assert.Equal("b-broken.yaml", unreadable["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Contains(results, r => r!["ruleId"]!.GetValue<string>() == "VmInterfaceWithoutNetwork");
    }

    [Fact]
    public async Task Object_defined_twice_is_reported_with_the_first_definition()
    {
        var first = Copy(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"), "one/nad.yaml");
        var second = Copy(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"), "two/nad.yaml");
        Copy(Path.Combine(RepositoryPaths.Examples, "attachnet-subnet.yaml"), "subnet.yaml");

        var result = await CliRunner.RunAsync(["lint", _folder.FullName]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{second}:", result.Out, StringComparison.Ordinal);
        Assert.Contains($": ObjectDuplicate: NetworkAttachmentDefinition default/attachnet is already defined at {first}:", result.Out, StringComparison.Ordinal);
        Assert.Single(result.Out.Split('\n'), l => l.Contains("ObjectDuplicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Same_name_in_another_namespace_or_kind_is_no_duplicate()
    {
        var nad = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"));
        Copy(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"), "nad.yaml");
        Write("nad-other-namespace.yaml", nad.Replace("namespace: default", "namespace: other", StringComparison.Ordinal));
        Assert.Contains("namespace: default", nad, StringComparison.Ordinal);

        var result = await CliRunner.RunAsync(["lint", _folder.FullName]);

        Assert.DoesNotContain("ObjectDuplicate", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_walk_skips_build_output_and_hidden_folders()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Examples, "*.yaml"))
        {
            Copy(file, Path.GetFileName(file));
        }
        foreach (var skipped in new[] { "bin/Debug", "obj", ".git", "src/obj" })
        {
            Write(Path.Combine(skipped, "broken.yaml"), "kind: [\n");
            Copy(Path.Combine(RepositoryPaths.Examples, "attachnet-nad.yaml"), Path.Combine(skipped, "copy.yaml"));
        }

        var result = await CliRunner.RunAsync(["lint", _folder.FullName]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 object(s) checked: 0 denied", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_api_server_fails_fast_with_the_cause()
    {
        // A port nothing listens on: the connection is refused at once.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var kubeconfig = Write("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gone
              cluster:
                server: https://127.0.0.1:{port}
                insecure-skip-tls-verify: true
            users:
            - name: tester
              user:
                token: t
            contexts:
            - name: gone
              context:
                cluster: gone
                user: tester
            current-context: gone
            """);

        var result = await CliRunner.RunAsync(["lint", "--kubeconfig", kubeconfig, RepositoryPaths.Examples]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("lint: --kubeconfig: the cluster view (", result.Error, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("did not sync", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

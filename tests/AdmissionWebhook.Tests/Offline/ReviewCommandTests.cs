using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Offline;

/// <summary><c>review</c>: operations chosen by --old/--new, text and json output, exit codes.</summary>
public sealed class ReviewCommandTests
{
    private static string Seed(string file) => Path.Combine(RepositoryPaths.Examples, file);

    [Fact]
    public async Task Create_of_the_seed_vm_is_admitted_in_the_seed_cluster()
    {
        var result = await CliRunner.RunAsync(["review", "--new", Seed("vm-fedora.yaml"), "--cluster", RepositoryPaths.Examples]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("request: CREATE VirtualMachine default/vm-fedora by kubernetes-admin", result.Out, StringComparison.Ordinal);
        Assert.Contains("decision: allowed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_edit_exits_1_and_lists_every_cause()
    {
        var result = await CliRunner.RunAsync(["review", "--old", Seed("vm-fedora.yaml"), "--new", CliRunner.Fixture("vm-interface-without-network.yaml"),
            "--cluster", Seed("attachnet-nad.yaml"), Seed("attachnet-subnet.yaml"), "--user", "alice"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("request: UPDATE VirtualMachine default/vm-fedora by alice", result.Out, StringComparison.Ordinal);
        Assert.Contains("decision: denied", result.Out, StringComparison.Ordinal);
        Assert.Contains("status: 422 Invalid", result.Out, StringComparison.Ordinal);
        Assert.Contains("  VmInterfaceWithoutNetwork: spec.template.spec.domain.devices.interfaces[1].name: interface \"dyniface1\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_prints_the_admission_reviews_with_the_given_uid()
    {
        var result = await CliRunner.RunAsync(["review", "--new", CliRunner.Fixture("vm-interface-without-network.yaml"), "--format", "json", "--uid", "abc-123"]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"abc-123","allowed":true}}""", lines[0]);
        var validate = JsonSerializer.Deserialize(lines[1], AdmissionJsonContext.Default.AdmissionReview)!.Response!;
        Assert.Equal("abc-123", validate.Uid);
        Assert.False(validate.Allowed);
        Assert.Equal("VmInterfaceWithoutNetwork", Assert.Single(validate.Status!.Details!.Causes).Reason);
    }

    [Fact]
    public async Task Webhook_option_selects_one_answer()
    {
        var result = await CliRunner.RunAsync(["review", "--new", CliRunner.Fixture("vm-interface-without-network.yaml"), "--format", "json", "--webhook", "validate"]);

        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(JsonSerializer.Deserialize(line, AdmissionJsonContext.Default.AdmissionReview)!.Response!.Allowed);
    }

    [Fact]
    public async Task Old_alone_is_a_delete()
    {
        var result = await CliRunner.RunAsync(["review", "--old", Seed("attachnet-subnet.yaml"), "--cluster", RepositoryPaths.Examples]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("request: DELETE Subnet attachnet by kubernetes-admin", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_object_can_come_from_standard_input()
    {
        var text = await File.ReadAllTextAsync(Seed("attachnet-subnet.yaml"), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["review", "--new", "-", "--cluster", Seed("attachnet-nad.yaml")], text);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("request: CREATE Subnet attachnet", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("review", "needs --new")]
    [InlineData("review --new - --old -", "only one of --old and --new")]
    [InlineData("review --new a.yaml --format sarif", "--format must be text or json")]
    [InlineData("review --new a.yaml --webhook both --webhook mutate", "--webhook is given more than once")]
    [InlineData("review stray.yaml", "review takes no operands")]
    public async Task Usage_errors_exit_2(string commandLine, string message)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Old_and_new_must_be_the_same_object()
    {
        var result = await CliRunner.RunAsync(["review", "--old", Seed("attachnet-subnet.yaml"), "--new", Seed("attachnet-nad.yaml")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{Seed("attachnet-subnet.yaml")}:2: the old object is a Subnet, the new one a NetworkAttachmentDefinition", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_several_objects_is_an_input_error_naming_the_second()
    {
        var result = await CliRunner.RunAsync(["review", "--new", CliRunner.Fixture("subnet-duplicate-provider.yaml")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{CliRunner.Fixture("subnet-duplicate-provider.yaml")}:10: holds 3 objects", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinds_without_a_reviewer_are_an_input_error()
    {
        var result = await CliRunner.RunAsync(["review", "--new", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-:1: v1 ConfigMap is not reviewed by this webhook", result.Error, StringComparison.Ordinal);
    }
}

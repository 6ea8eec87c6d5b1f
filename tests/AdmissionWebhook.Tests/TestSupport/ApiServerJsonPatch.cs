using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>
/// The JSON Patch library kube-apiserver applies webhook patches with (evanphx/json-patch, v4 line), through the
/// small Go program in tests/jsonpatch-go. It is built once per test run and kept running: every call is one JSON
/// line to its standard input and one answer line back, so thousands of patches cost one process. The program
/// re-encodes each document with Go's encoding/json first, as the API server does with the stored object, so a
/// <c>test</c> whose value differs from the stored bytes fails here as it fails in a cluster.
/// </summary>
internal static class ApiServerJsonPatch
{
    private static readonly Lazy<Process> Tool = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();

    /// <summary>The object as the API server stores and sends it: Go's encoding/json of the decoded object.</summary>
    public static JsonNode StoredForm(JsonNode document)
    {
        var answer = Call($"{{\"document\":{JsonText.ToJson(document)}}}");
        return Detach(answer, "document") ?? throw new InvalidOperationException($"jsonpatch-go could not encode the document: {answer["error"]}");
    }

    /// <summary>
    /// Applies <paramref name="patch"/> (its bytes exactly as the webhook sent them) to the stored form of
    /// <paramref name="document"/>; the patched object, or the library's error.
    /// </summary>
    public static (JsonNode? Patched, string? Error) Apply(JsonNode document, string patch)
    {
        if (patch.Contains('\n', StringComparison.Ordinal))
        {
            // A compact patch never has a raw line break (inside strings it is escaped); the line protocol relies on it.
            throw new ArgumentException("the patch is not compact JSON", nameof(patch));
        }
        var answer = Call($"{{\"document\":{JsonText.ToJson(document)},\"patch\":{patch}}}");
        return answer["error"] is { } error ? (null, error.GetValue<string>()) : (Detach(answer, "document"), null);
    }

    private static JsonNode? Detach(JsonObject answer, string member) => answer.Remove(member, out var node) ? node : null;

    /// <summary>Applies the patch and fails the test with the library's own words when it does not apply.</summary>
    public static JsonNode ApplyOrFail(JsonNode document, string patch)
    {
        var (patched, error) = Apply(document, patch);
        Assert.True(error is null, $"kube-apiserver's json-patch refuses the patch: {error}\npatch: {patch}");
        return patched!;
    }

    /// <summary>As <see cref="ApplyOrFail(JsonNode, string)"/>, for operations built in process.</summary>
    public static JsonNode ApplyOrFail(JsonNode document, IReadOnlyList<JsonPatchOperation> operations) =>
        ApplyOrFail(document, JsonPatchSerializer.ToJson(operations));

    private static JsonObject Call(string line)
    {
        var tool = Tool.Value;
        lock (Gate)
        {
            tool.StandardInput.Write(line);
            tool.StandardInput.Write('\n');
            tool.StandardInput.Flush();
            var answer = tool.StandardOutput.ReadLine()
                ?? throw new InvalidOperationException($"jsonpatch-go exited (code {(tool.HasExited ? tool.ExitCode : -1)})");
            return JsonNode.Parse(answer)!.AsObject();
        }
    }

    private static Process Start()
    {
        var binary = Build();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        // Closing its input ends the program; the test host closes it on exit at the latest.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It has exited already (a failed test reports why); nothing is left to stop.
            }
        };
        return process;
    }

    /// <summary>
    /// <c>go build</c> in GOPATH mode against Debian's packaged sources (golang-github-evanphx-json-patch-dev in
    /// /usr/share/gocode), offline; the binary goes to a folder of this test process.
    /// </summary>
    private static string Build()
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "jsonpatch-go");
        var output = Path.Combine(Path.GetTempPath(), $"jsonpatch-go-{Environment.ProcessId}", "jsonpatch-go");
        var build = new ProcessStartInfo("go")
        {
            WorkingDirectory = source,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", "-o", output, "main.go" })
        {
            build.ArgumentList.Add(argument);
        }
        build.Environment["GO111MODULE"] = "off";
        build.Environment["GOPATH"] = "/usr/share/gocode";
        build.Environment["GOPROXY"] = "off";
        build.Environment["GOFLAGS"] = string.Empty;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOCACHE")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HOME")))
        {
            build.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "jsonpatch-go-cache");
        }
        Process process;
        try
        {
            process = Process.Start(build)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "Go is needed to apply patches with kube-apiserver's library: install golang-go and golang-github-evanphx-json-patch-dev (.ci/run does)", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"go build of tests/jsonpatch-go failed (is golang-github-evanphx-json-patch-dev installed?): {stderr.Result}");
            }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        return output;
    }
}

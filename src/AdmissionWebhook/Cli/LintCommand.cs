using System.Text;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Offline;

namespace AdmissionWebhook.Cli;

/// <summary><c>lint PATH...</c>: the webhook's CREATE verdict on every NAD, Subnet and VM of some manifests.</summary>
internal static class LintCommand
{
    public const string Help = """
        Usage: AdmissionWebhook lint [options] PATH...

        Runs the webhook's CREATE review (mutate, then validate the patched object) on every
        NetworkAttachmentDefinition, Subnet and VirtualMachine in the manifests. All the manifests together are
        the cluster: a VM's NAD and a NAD's Subnet are found across files.

        PATH                 a YAML or JSON manifest file, a folder (searched recursively for *.yaml, *.yml,
                             *.json; hidden folders, bin/ and obj/ skipped) or - for standard input.

        Options:
          --format FORMAT    text (default): file:line: Code: message, grouped per object;
                             json: objects, findings and patches; sarif: SARIF 2.1.0 for code scanning.
          --sarif-root DIR   with --format sarif: file paths are written relative to DIR (default: the
                             current folder; use the repository root for code scanning).
          --fix              print the manifests with the webhook's mutations applied (provider repairs,
                             server_socket defaults), everything else as written; the report goes to stderr.
          --write            with --fix: rewrite the files in place instead of printing them.
          --kubeconfig FILE  also look up NADs and Subnets in this live cluster (the manifests win).
          --user NAME        the requesting user (default kubernetes-admin).
          --config FILE      an appsettings-style JSON file (Rules:<Code>, Webhook:DefaultServerSocket, ...);
                             repeatable. appsettings.json beside the binary and environment variables apply too.
          -h, --help         show this help.

        Findings: error (the webhook would deny), fixable (the webhook would admit it changed, so Git would
        drift from the cluster: --fix writes the change), warning (admitted with a warning).

        A file that cannot be read is reported (ManifestUnreadable, file:line:column) and the others are still
        checked; an object defined twice is an error (ObjectDuplicate); an object the API server would refuse
        (a field of the wrong type, no metadata.name, a VirtualMachine without spec.template) is ObjectInvalid.

        Exit codes: 0 no errors and nothing to fix (warnings allowed); 1 errors or fixable findings (with --fix:
        errors that remain after fixing); 2 usage or input error: an unreadable file (after every other file's
        findings), or nothing to check at all.

        """;

    private static readonly HashSet<string> Flags = ["--fix", "--write"];
    private static readonly HashSet<string> Options = ["--format", "--kubeconfig", "--user", "--config", "--sarif-root"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, Flags, Options);
        if (parsed.Help)
        {
            await console.Out.WriteAsync(Help);
            return ExitCodes.Clean;
        }
        if (parsed.Operands.Count == 0)
        {
            throw new CliUsageException("lint needs at least one PATH (a file, a folder, or - for standard input)");
        }
        var format = parsed.Single("--format") ?? "text";
        if (format is not ("text" or "json" or "sarif"))
        {
            throw new CliUsageException($"--format must be text, json or sarif, not \"{format}\"");
        }
        var fix = parsed.Flag("--fix");
        if (parsed.Flag("--write") && !fix)
        {
            throw new CliUsageException("--write only goes with --fix");
        }
        if (parsed.Flag("--write") && parsed.Operands.Contains("-"))
        {
            throw new CliUsageException("--write cannot rewrite standard input");
        }

        var inputs = ManifestInput.ReadAll(parsed.Operands, console.In, keepGoing: true);
        var documents = inputs.SelectMany(i => i.Documents).ToList();
        var kubeconfig = parsed.Single("--kubeconfig");
        var configuration = OfflineComposition.Configuration(parsed.All("--config"), kubeconfig);
        // The engine puts the manifests' NADs and Subnets in the view object by object (each without itself, and
        // without those the API server would refuse), so the view starts empty.
        await using var provider = OfflineComposition.Build(configuration, ClusterSnapshot.From([], []), "manifests on the command line", kubeconfig is not null);
        var view = OfflineComposition.ClusterView(provider);
        await using var live = OfflineComposition.StartLiveCluster(provider);
        await WaitForSyncAsync(view, cancellationToken);
        var engine = new LintEngine(OfflineComposition.Pipeline(provider), view, parsed.Single("--user") ?? ReviewRequests.DefaultUser);
        var report = await engine.LintAsync(documents, cancellationToken) with
        {
            InputErrors = [.. inputs.Where(i => i.Error is not null).Select(i => new LintInputError(i.Source, i.Error!.Line ?? 0, i.Error.Column, i.Error.Reason))],
        };

        var reportOut = fix ? console.Error : console.Out;
        await WriteReportAsync(report, format, parsed.Single("--sarif-root") ?? Directory.GetCurrentDirectory(), reportOut);
        if (fix)
        {
            await WriteFixesAsync(inputs, report, parsed.Flag("--write"), console);
        }
        // A wrong path in CI must not pass as "nothing wrong": no object to check is an input error.
        if (report.Objects.Count == 0 && report.InputErrors.Count == 0)
        {
            await console.Error.WriteLineAsync($"lint: nothing to check: no NetworkAttachmentDefinition, Subnet or VirtualMachine in {string.Join(", ", parsed.Operands)}");
            return ExitCodes.UsageOrInput;
        }
        if (report.InputErrors.Count > 0)
        {
            return ExitCodes.UsageOrInput;
        }
        var failing = fix ? report.Count(LintSeverity.Error) > 0 : report.HasViolations;
        return failing ? ExitCodes.Violations : ExitCodes.Clean;
    }

    private static async Task WriteReportAsync(LintReport report, string format, string sarifRoot, TextWriter output)
    {
        if (format == "text")
        {
            LintTextWriter.Write(report, output);
            return;
        }
        using var buffer = new MemoryStream();
        if (format == "json")
        {
            LintJsonWriter.Write(report, buffer);
        }
        else
        {
            SarifWriter.Write(report, buffer, Path.GetFullPath(sarifRoot), Hosting.BuildInfo.Version);
        }
        await output.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Each file with its documents' patches spliced in; several files are separated as a YAML stream.</summary>
    private static async Task WriteFixesAsync(IReadOnlyList<ManifestInput> inputs, LintReport report, bool inPlace, CliConsole console)
    {
        var bySource = report.Objects.ToLookup(o => o.Source, StringComparer.Ordinal);
        var first = true;
        foreach (var input in inputs)
        {
            var fixes = input.Documents
                .Select(document => (document, result: bySource[input.Source].FirstOrDefault(r => ReferenceEquals(r.Document, document))))
                .Where(pair => pair.result is { Outcome.Operations.Count: > 0 })
                .Select(pair => new ManifestFixer.DocumentFix(pair.document, pair.result!.Outcome.Operations, pair.result.Outcome.PatchedObject));
            var fixedInput = ManifestFixer.Apply(input.Text, fixes, input.IsJson);
            foreach (var (document, reason) in fixedInput.Rewritten)
            {
                await console.Error.WriteLineAsync($"{document.Source}:{document.Line}: re-serialised as JSON: {reason}");
            }
            if (inPlace)
            {
                if (fixedInput.Text != input.Text)
                {
                    await File.WriteAllTextAsync(input.Source, fixedInput.Text);
                    await console.Error.WriteLineAsync($"{input.Source}: fixed");
                }
                continue;
            }
            if (inputs.Count > 1)
            {
                await console.Out.WriteAsync(first ? string.Empty : "---\n");
                await console.Out.WriteAsync($"# Source: {input.Source}\n");
            }
            first = false;
            await console.Out.WriteAsync(fixedInput.Text);
            if (inputs.Count > 1 && !fixedInput.Text.EndsWith('\n'))
            {
                await console.Out.WriteAsync("\n");
            }
        }
    }

    /// <summary>Waits for the live cluster view's first sync; the first failed request ends the wait with its cause
    /// (an unreachable API server is not worth 30 seconds of a CI job).</summary>
    private static async Task WaitForSyncAsync(ManifestClusterView view, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var caches = (view.Live as IClusterViewStatistics)?.Caches ?? [];
        while (!view.IsSynced)
        {
            if (caches.FirstOrDefault(c => !c.IsSynced && c.LastError is not null)?.LastError is { } cause)
            {
                // Not a usage error: the command line is right, the cluster is not there.
                throw new ManifestException("--kubeconfig", null, $"the cluster view ({view.Description}) cannot be read: {cause}");
            }
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliUsageException($"the cluster view ({view.Description}) did not sync within 30 seconds");
            }
        }
    }
}

using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Cli;

/// <summary>
/// Picks the subcommand: <c>lint</c> and <c>review</c> run here and exit; <c>serve</c>, or no subcommand at all
/// (only <c>--port</c>-style switches, as the server has always been started), serves.
/// </summary>
internal static class CommandLineApp
{
    public const string Help = """
        Usage: AdmissionWebhook [serve] [--port N] [--tls-cert FILE --tls-key FILE] [--manifests DIR] ...
               AdmissionWebhook lint [options] PATH...
               AdmissionWebhook review [--old OLD] [--new NEW] [--cluster PATH...] [options]

        Admission webhook for NIC hot-plug of KubeVirt VMs on Kube-OVN attachment networks.

        Commands:
          serve    run the HTTPS webhook (the default when no command is given).
          lint     the webhook's verdict on NAD, Subnet and VM manifests, for CI (text, json or SARIF).
          review   what the webhook would answer for one edit (CREATE, UPDATE or DELETE), without a cluster.

        Run "AdmissionWebhook COMMAND --help" for a command's options.
        """;

    public const string ServeHelp = """
        Usage: AdmissionWebhook [serve] [options]

        Runs the HTTPS admission webhook (validate-* and mutate-* paths, /livez, /readyz).

        Options (each also settable as Webhook:<Name> in appsettings.json or Webhook__<Name> in the environment):
          --port N            HTTPS port (default 8443; 0 picks a free one).
          --tls-cert FILE     PEM certificate (chain); reloaded when it changes.
          --tls-key FILE      PEM private key.
          --manifests DIR     folder of NAD and Subnet manifests standing in for the cluster.
          --kubeconfig FILE   the cluster to watch for NADs and Subnets.
          --metrics-port N    plain-HTTP port for /metrics.
          -h, --help          show this help.
        """;

    /// <summary>True when <paramref name="args"/> select a command other than serving.</summary>
    public static bool IsOfflineCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] is "lint" or "review" or "help" or "-h" or "--help" or "-?"
        || (args.Count > 1 && args[0] == "serve" && args.Skip(1).Any(a => a is "-h" or "--help" or "-?"));

    /// <summary>The server's own arguments: everything after <c>serve</c>, or all of them.</summary>
    public static string[] ServeArguments(string[] args) => args is ["serve", .. var rest] ? rest : args;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var command = args[0];
        var rest = args.Skip(1).ToList();
        try
        {
            return command switch
            {
                "lint" => await LintCommand.RunAsync(rest, console, cancellationToken),
                "review" => await ReviewCommand.RunAsync(rest, console, cancellationToken),
                "serve" => await WriteAsync(console.Out, ServeHelp, ExitCodes.Clean),
                "help" when rest is ["lint", ..] => await WriteAsync(console.Out, LintCommand.Help, ExitCodes.Clean),
                "help" when rest is ["review", ..] => await WriteAsync(console.Out, ReviewCommand.Help, ExitCodes.Clean),
                "help" when rest is ["serve", ..] => await WriteAsync(console.Out, ServeHelp, ExitCodes.Clean),
                _ => await WriteAsync(console.Out, Help, ExitCodes.Clean),
            };
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync($"{command}: {e.Message} (see {command} --help)");
            return ExitCodes.UsageOrInput;
        }
        catch (ManifestException e)
        {
            await console.Error.WriteLineAsync($"{command}: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await console.Error.WriteLineAsync($"{command}: configuration: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (InvalidDataException e)
        {
            await console.Error.WriteLineAsync($"{command}: configuration: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
    }

    private static async Task<int> WriteAsync(TextWriter output, string text, int exitCode)
    {
        await output.WriteAsync(text);
        return exitCode;
    }
}

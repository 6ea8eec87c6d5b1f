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

        Run "AdmissionWebhook COMMAND --help" for a command's options, "AdmissionWebhook --version" for the version.

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
          --environment NAME  the host environment (Development: no shutdown delay).
          --Section:Key=VALUE any configuration key (--Rules:VmNadMissing=Deny).
          --version           print the version and exit.
          -h, --help          show this help.

        """;

    /// <summary>The whole command line: the server, or a command that runs and exits. Returns the exit code.</summary>
    public static async Task<int> MainAsync(string[] args, CliConsole console)
    {
        if (IsOfflineCommand(args))
        {
            return await RunAsync(args, console);
        }
        var serveArgs = ServeArguments(args);
        try
        {
            ServeCommand.CheckArguments(serveArgs);
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync($"serve: {e.Message}");
            await console.Error.WriteAsync(ServeHelp);
            return ExitCodes.UsageOrInput;
        }
        return await ServeCommand.RunAsync(serveArgs, console.Error);
    }

    /// <summary>
    /// True unless <paramref name="args"/> start the server: no arguments, <c>serve</c> (without <c>--help</c> or
    /// <c>--version</c>), or switches only. A first word that is no command is handled here too (a usage error),
    /// so a mistyped command (<c>lnt</c>) never starts the server.
    /// </summary>
    public static bool IsOfflineCommand(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return false;
        }
        var words = args[0] == "serve" ? args.Skip(1).ToList() : args.ToList();
        if (words.Any(a => a is "-h" or "--help" or "-?" or "--version"))
        {
            return true;
        }
        return !(args[0] == "serve" || args[0].StartsWith("--", StringComparison.Ordinal));
    }

    /// <summary>The server's own arguments: everything after <c>serve</c>, or all of them.</summary>
    public static string[] ServeArguments(string[] args) => args is ["serve", .. var rest] ? rest : args;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        // Server switches followed by --help (--port 0 --help) ask for the server's help.
        var command = args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "--version") ? "serve" : args[0];
        var rest = args.Skip(1).ToList();
        try
        {
            return command switch
            {
                "lint" => await LintCommand.RunAsync(rest, console, cancellationToken),
                "review" => await ReviewCommand.RunAsync(rest, console, cancellationToken),
                _ when args.Contains("--version") => await WriteAsync(console.Out, $"AdmissionWebhook {Hosting.BuildInfo.Version}\n", ExitCodes.Clean),
                "serve" => await WriteAsync(console.Out, ServeHelp, ExitCodes.Clean),
                "help" when rest is ["lint", ..] => await WriteAsync(console.Out, LintCommand.Help, ExitCodes.Clean),
                "help" when rest is ["review", ..] => await WriteAsync(console.Out, ReviewCommand.Help, ExitCodes.Clean),
                "help" when rest is ["serve", ..] => await WriteAsync(console.Out, ServeHelp, ExitCodes.Clean),
                "help" or "-h" or "--help" or "-?" => await WriteAsync(console.Out, Help, ExitCodes.Clean),
                _ => await UnknownCommandAsync(command, console.Error),
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

    private static async Task<int> UnknownCommandAsync(string command, TextWriter error)
    {
        var what = command.StartsWith('-') ? $"unknown option {command}" : $"unknown command \"{command}\"";
        await error.WriteLineAsync($"AdmissionWebhook: {what}");
        await error.WriteAsync(Help);
        return ExitCodes.UsageOrInput;
    }

    private static async Task<int> WriteAsync(TextWriter output, string text, int exitCode)
    {
        await output.WriteAsync(text);
        return exitCode;
    }
}

using AdmissionWebhook.Cli;

// lint, review, help and --version run and exit; serve (or switches only, as the server has always been started)
// runs the webhook; anything else is a usage error.
return await CommandLineApp.MainAsync(args, CliConsole.System);

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

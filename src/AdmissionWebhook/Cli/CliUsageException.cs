namespace AdmissionWebhook.Cli;

/// <summary>A command line the tools cannot act on (exit code 2); the message says what to change.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

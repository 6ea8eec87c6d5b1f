namespace AdmissionWebhook.Cli;

/// <summary>A setting the server cannot start with; the message names the setting and what it must be.</summary>
internal sealed class StartupException(string message) : Exception(message);

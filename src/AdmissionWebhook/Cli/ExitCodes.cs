namespace AdmissionWebhook.Cli;

/// <summary>The exit codes every subcommand uses.</summary>
internal static class ExitCodes
{
    /// <summary>Clean: nothing to report (lint), or the edit would be admitted (review).</summary>
    public const int Clean = 0;

    /// <summary>Violations (lint), or the edit would be denied (review).</summary>
    public const int Violations = 1;

    /// <summary>The server could not start (a setting, a file or the port); one line on standard error says why.</summary>
    public const int StartupFailed = 1;

    /// <summary>The command line or an input file is wrong.</summary>
    public const int UsageOrInput = 2;
}

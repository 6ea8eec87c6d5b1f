namespace AdmissionWebhook.Cli;

/// <summary>The streams a command talks to (the real console, or strings in tests).</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System => new(Console.In, Console.Out, Console.Error);
}

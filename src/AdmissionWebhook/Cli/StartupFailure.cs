using AdmissionWebhook.Manifests;
using Microsoft.Extensions.Options;

namespace AdmissionWebhook.Cli;

/// <summary>Turns an exception that stopped start-up into the one line an operator reads.</summary>
internal static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        var e = Unwrap(exception);
        var message = e switch
        {
            OptionsValidationException options => string.Join("; ", options.Failures),
            // IOException includes Kestrel's "Failed to bind to address https://[::]:8443: address already in use."
            StartupException or ManifestException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                or InvalidDataException => e.Message,
            // Anything else is a defect, but still one line: the type says where to look.
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        var firstLine = message.Split('\n')[0].TrimEnd('\r');
        return firstLine.Length > 0 ? firstLine : e.GetType().Name;
    }

    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            current = aggregate.InnerExceptions[0];
        }
        return current;
    }
}

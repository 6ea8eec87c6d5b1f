using System.Runtime.InteropServices;

namespace AdmissionWebhook.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM. The host's own handler already turned the first one into a graceful stop; a handler
/// registered during the delay sees only later ones, and cancels their default action so the stop stays graceful.
/// </summary>
internal sealed class PosixStopSignals : IStopSignals
{
    public IDisposable Watch(Action onSignal)
    {
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                onSignal();
            }))
            .ToList();
        return new Registrations(registrations);
    }

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose() => registrations.ForEach(r => r.Dispose());
    }
}

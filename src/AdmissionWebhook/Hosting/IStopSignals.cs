namespace AdmissionWebhook.Hosting;

/// <summary>The process's stop signals (SIGINT, SIGTERM), as a source of "stop now" while the shutdown delay runs.</summary>
internal interface IStopSignals
{
    /// <summary>Calls <paramref name="onSignal"/> on each stop signal until the returned handle is disposed.</summary>
    IDisposable Watch(Action onSignal);
}

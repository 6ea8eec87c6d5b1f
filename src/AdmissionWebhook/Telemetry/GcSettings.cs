using System.Runtime;

namespace AdmissionWebhook.Telemetry;

/// <summary>
/// The garbage collector's modes as the running runtime applied them, not as the csproj meant them: the Native AOT
/// binary has them compiled in, the JIT build reads its runtimeconfig. Read once: the GC fixes them at start. Exported
/// as the labels of <c>admission_webhook_gc_settings</c>, so a replica shows which GC its memory and pause figures
/// come from. The gen0 budget is not among them: <c>GC.GetConfigurationVariables</c> reports no non-zero <c>GCgen0size</c>
/// in either build even while the budget from <c>DOTNET_GCgen0size</c> is in force; the collection counts of the runtime's
/// meter (<c>dotnet_gc_collections_total</c> against <c>dotnet_gc_heap_total_allocated_bytes_total</c>) show it.
/// </summary>
internal sealed record GcSettings(bool Server, bool Concurrent)
{
    public static GcSettings Current { get; } =
        // Non-concurrent workstation GC runs in batch latency mode; concurrent (background) GC in interactive.
        new(GCSettings.IsServerGC, GCSettings.LatencyMode != GCLatencyMode.Batch);

    public KeyValuePair<string, object?>[] Labels() =>
    [
        new("server", Server ? "true" : "false"),
        new("concurrent", Concurrent ? "true" : "false"),
    ];
}

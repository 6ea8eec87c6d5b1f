using System.Runtime;

namespace AdmissionWebhook.Telemetry;

/// <summary>
/// The garbage collector's settings as the running runtime applied them, not as the image or the csproj meant them:
/// the GC modes compiled into the binary (or the JIT build's runtimeconfig) and the gen0 budget from the image's
/// <c>DOTNET_GCgen0size</c>. Read once: the GC fixes them at start. Exported as the labels of
/// <c>admission_webhook_gc_settings</c>, so a replica shows whether its memory and pause figures come from the
/// intended configuration (Native AOT reads GC settings through its own configuration path).
/// </summary>
internal sealed record GcSettings(bool Server, bool Concurrent, long Gen0Size)
{
    /// <summary>The GC's name for the gen0 budget (bytes; 0 when unset, which lets the GC size gen0 from the cache).</summary>
    internal const string Gen0SizeVariable = "GCgen0size";

    public static GcSettings Current { get; } = Read();

    private static GcSettings Read()
    {
        var variables = GC.GetConfigurationVariables();
        var gen0 = variables.TryGetValue(Gen0SizeVariable, out var value) ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        // Non-concurrent workstation GC runs in batch latency mode; concurrent (background) GC in interactive.
        return new GcSettings(GCSettings.IsServerGC, GCSettings.LatencyMode != GCLatencyMode.Batch, gen0);
    }

    public KeyValuePair<string, object?>[] Labels() =>
    [
        new("server", Server ? "true" : "false"),
        new("concurrent", Concurrent ? "true" : "false"),
        new("gen0size", Gen0Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

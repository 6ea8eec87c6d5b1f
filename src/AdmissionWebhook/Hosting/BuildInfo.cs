using System.Reflection;

namespace AdmissionWebhook.Hosting;

/// <summary>
/// The version this binary was built as: <c>&lt;Version&gt;</c> in Directory.Build.props (or <c>-p:Version=</c>, as
/// the Dockerfile passes its VERSION build argument). <c>--version</c>, SARIF's tool version and the
/// <c>admission_webhook_build_info</c> gauge all print this one value.
/// </summary>
internal static class BuildInfo
{
    public static string Version { get; } = Read();

    private static string Read()
    {
        var informational = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(BuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }
        // SemVer build metadata ("+<commit>") is not part of the version a user compares.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}

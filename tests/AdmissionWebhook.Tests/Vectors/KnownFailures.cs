using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>
/// Vectors whose rules belong to open issues (known-failures.txt). A listed vector that passes fails the run, so
/// the list only ever shrinks to what is really still missing.
/// </summary>
internal static class KnownFailures
{
    private static readonly Lazy<IReadOnlySet<string>> Listed = new(() => new HashSet<string>(
        File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "AdmissionWebhook.Tests", "Vectors", "known-failures.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#')),
        StringComparer.Ordinal));

    public static bool Contains(string vector) => Listed.Value.Contains(vector);

    public static IReadOnlySet<string> All => Listed.Value;
}

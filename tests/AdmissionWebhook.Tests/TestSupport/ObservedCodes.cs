using System.Collections.Concurrent;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>
/// The rule codes this test run has seen fire in an exact-set assertion (<see cref="DecisionAssert"/>): a code
/// counts as tested only when a test made the pipeline report it and pinned the whole set it came in, not when a
/// test merely names it.
/// </summary>
internal static class ObservedCodes
{
    private static readonly ConcurrentDictionary<string, string> FirstObserver = new(StringComparer.Ordinal);
    private static int _assertions;

    /// <summary>How many exact-set assertions passed in this run (zero when no rule test ran).</summary>
    public static int Assertions => Volatile.Read(ref _assertions);

    public static IReadOnlyCollection<string> Codes => [.. FirstObserver.Keys];

    /// <summary>Called by an exact-set assertion after it passed, with the codes it pinned.</summary>
    public static void Record(IEnumerable<string> codes)
    {
        Interlocked.Increment(ref _assertions);
        var observer = TestContext.Current.Test?.TestDisplayName ?? "unknown test";
        foreach (var code in codes)
        {
            FirstObserver.TryAdd(code, observer);
        }
    }
}

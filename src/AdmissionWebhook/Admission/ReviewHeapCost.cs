namespace AdmissionWebhook.Admission;

/// <summary>
/// What a review may take from the heap, per byte of its body. A review holds its body, the document parsed over it and
/// the typed models; validation keeps bookkeeping per interface, a mutation its patch (operations, the apply proof's
/// view of the paths it touches, the encoded patch and the answer carrying it), so an interface-dense VM costs
/// dozens of times its body. The factors are above the worst allocation per body byte measured over every endpoint
/// and resource (ReviewHeapCostTests pins them); allocated bytes bound live bytes from above, so charging the memory
/// budget <c>body x factor</c> bounds the heap by construction (README "Memory"). Measured worst cases (Debug, 5,000
/// elements): validation allocates at most 51 bytes per body byte (a Subnet with thousands of excludeIps, measured
/// cold; VMs 30; 117 before issue 14's rule engine), mutation 48 (a VM removing thousands of interfaces outright, whose
/// restored entries stay the request's elements since issue 13d; 75 while they were trees, 110 while the patch session
/// and the apply proof built trees of the arrays they edit, 169 while the mutate path built JSON trees of the objects).
/// The factors leave room for growth with size.
/// </summary>
internal static class ReviewHeapCost
{
    /// <summary>Heap bytes charged per body byte of a validating review.</summary>
    public const int ValidateBytesPerBodyByte = 64;

    /// <summary>Heap bytes charged per body byte of a mutating review.</summary>
    public const int MutateBytesPerBodyByte = 64;

    /// <summary>The smallest budget: ordinary reviews (a few KiB each) still fit beside a maximal one.</summary>
    public const long MinimumBudgetBytes = 16 * 1024 * 1024;

    public static int BytesPerBodyByte(WebhookKind kind) =>
        kind == WebhookKind.Mutate ? MutateBytesPerBodyByte : ValidateBytesPerBodyByte;

    /// <summary>The heap a review of <paramref name="bodyBytes"/> may take.</summary>
    public static long Estimate(long bodyBytes, WebhookKind kind) => bodyBytes * BytesPerBodyByte(kind);

    /// <summary>
    /// The budget when none is configured: half the heap the GC may use (<c>DOTNET_GCHeapHardLimit</c>, or 75 % of a
    /// container's memory limit, or the machine's memory), the other half left to the steady state (cluster view,
    /// Kestrel, TLS, caches). Never below <see cref="MinimumBudgetBytes"/>.
    /// </summary>
    public static long DefaultBudget(long availableHeapBytes) => Math.Max(availableHeapBytes / 2, MinimumBudgetBytes);
}

using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// Where a mutation of an interface-dense VM allocates, stage by stage (bytes on this thread): parse, the two typed
/// decodes, the review (decodes, mutator and apply proof), the apply proof alone (<c>JsonPatchApplier.Verify</c>, as the reviewer runs it), the patch's wire bytes, the answer.
/// </summary>
internal static class WorstCaseStages
{
    public static async Task RunAsync(IAdmissionReviewer reviewer, byte[] body, string name)
    {
        for (var round = 0; round < 3; round++)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            using var document = JsonDocument.Parse(body);
            var review = AdmissionReviewReader.Read(document);
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            review.Request!.Object!.Value.Deserialize(ResourceJsonContext.Default.VirtualMachine);
            review.Request!.OldObject!.Value.Deserialize(ResourceJsonContext.Default.VirtualMachine);
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            var decision = await reviewer.ReviewAsync(review.Request!, WebhookKind.Mutate, CancellationToken.None);
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            var ops = ((AdmissionDecision.Patch)decision).Operations;
            JsonPatchApplier.Verify(review.Request!.Object!.Value, ops);
            var a4 = GC.GetAllocatedBytesForCurrentThread();
            var bytes = JsonPatchSerializer.ToUtf8Bytes(ops);
            var a5 = GC.GetAllocatedBytesForCurrentThread();
            var response = AdmissionResponses.Envelope(AdmissionResponses.From(review.Request!, decision));
            JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Wire.AdmissionReview);
            var a6 = GC.GetAllocatedBytesForCurrentThread();
            Console.WriteLine($"{name}: parse {a1 - a0}, decode x2 {a2 - a1}, review {a3 - a2}, apply {a4 - a3}, patch bytes {a5 - a4} ({bytes.Length}, {ops.Count} ops), response {a6 - a5}");
        }
    }
}

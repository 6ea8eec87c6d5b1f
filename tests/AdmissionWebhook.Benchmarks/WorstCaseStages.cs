using System.Diagnostics;
using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// Where an interface-dense VM review spends its time and allocations, stage by stage (wall time and bytes on this
/// thread, means over rounds after a warm-up): parse and envelope read, the two typed decodes, the review (which decodes
/// again, then runs the rules, or the mutator and the apply proof), the apply proof alone
/// (<c>JsonPatchApplier.Verify</c>, as the reviewer runs it), the patch's wire bytes, the answer. The collector's work
/// lands in the stage that triggered it, so a stage's time includes the collections its allocations cause.
/// </summary>
internal static class WorstCaseStages
{
    private const int WarmUpRounds = 40;
    private const int Rounds = 40;

    public static async Task RunAsync(IAdmissionReviewer reviewer, byte[] body, string name, WebhookKind kind)
    {
        var names = new[] { "parse", "decode x2", "review", "apply proof", "patch bytes", "answer" };
        var ticks = new long[names.Length];
        var bytes = new long[names.Length];
        var patchLength = 0;
        var operationCount = 0;
        for (var round = 0; round < WarmUpRounds + Rounds; round++)
        {
            var marks = new List<(long Ticks, long Bytes)>(names.Length + 1) { (Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread()) };
            void Mark() => marks.Add((Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread()));

            using var document = JsonDocument.Parse(body);
            var review = AdmissionReviewReader.Read(document);
            Mark();
            ResourceDecoding.TryDecode(review.Request!.Object!.Value, VirtualMachine.Descriptor, out _, out _);
            ResourceDecoding.TryDecode(review.Request!.OldObject!.Value, VirtualMachine.Descriptor, out _, out _);
            Mark();
            var decision = await reviewer.ReviewAsync(review.Request!, kind, CancellationToken.None);
            Mark();
            if (decision is AdmissionDecision.Patch { Operations: var operations })
            {
                JsonPatchApplier.Verify(review.Request!.Object!.Value, operations);
                Mark();
                using var payload = JsonPatchSerializer.ToPayload(operations);
                patchLength = (int)payload.Length;
                operationCount = operations.Count;
                Mark();
            }
            else
            {
                Mark();
                Mark();
            }
            ReviewPipeline.Encode(review.Request!, decision);
            Mark();
            if (round < WarmUpRounds)
            {
                continue;
            }
            for (var i = 0; i < names.Length; i++)
            {
                ticks[i] += marks[i + 1].Ticks - marks[i].Ticks;
                bytes[i] += marks[i + 1].Bytes - marks[i].Bytes;
            }
        }
        var stages = names.Select((stage, i) => $"{stage} {TimeSpan.FromTicks(ticks[i] * TimeSpan.TicksPerSecond / Stopwatch.Frequency / Rounds).TotalMilliseconds:F2} ms / {bytes[i] / Rounds / 1024} KB");
        Console.WriteLine($"{kind}: {name}: {string.Join(", ", stages)}"
            + (operationCount > 0 ? $" (patch {patchLength} bytes, {operationCount} operations)" : ""));
    }
}

using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>Exact wire JSON for every decision case.</summary>
public sealed class AdmissionResponsesTests
{
    private static readonly AdmissionRequest Request = new()
    {
        Uid = "u-1",
        Kind = new GroupVersionKind("kubevirt.io", "v1", "VirtualMachine"),
        Name = "vm-fedora",
    };

    private static string Wire(AdmissionDecision decision) =>
        JsonSerializer.Serialize(AdmissionResponses.Envelope(AdmissionResponses.From(Request, decision)), AdmissionJsonContext.Default.AdmissionReview);

    public static TheoryData<string> Decisions => ["allow", "warn", "deny", "patch", "error", "escapes"];

    [Theory]
    [MemberData(nameof(Decisions))]
    public void The_transport_writes_the_envelope_as_the_serializer_does(string which)
    {
        var request = which == "escapes" ? Request with { Uid = "u-\"<é>\u2028\n" } : Request;
        AdmissionDecision decision = which switch
        {
            "warn" => new AdmissionDecision.Allow([new RuleFailure("VmW", "spec.z", "look at \"z\" <now>")]),
            "deny" => new AdmissionDecision.Deny([new RuleFailure("VmA", "spec.x", "bad x")], [new RuleFailure("VmW", "spec.z", "z")]),
            "patch" => new AdmissionDecision.Patch(new JsonPatchBuilder().Add(JsonPointer.Parse("/spec/provider"), "a.b.ovn").Build(), ["VmP"], []),
            "error" => new AdmissionDecision.Error(400, "request.object must be a VirtualMachine object"),
            _ => AdmissionDecision.Allowed,
        };
        var response = AdmissionResponses.From(request, decision);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        AdmissionResponses.Write(buffer, response);
        AdmissionResponses.Write(buffer, response);

        var once = JsonSerializer.SerializeToUtf8Bytes(AdmissionResponses.Envelope(response), AdmissionJsonContext.Wire.AdmissionReview);
        Assert.Equal([.. once, .. once], buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task Answers_written_at_once_on_many_threads_are_each_their_own()
    {
        // The writer is kept per thread; Kestrel's thread pool writes answers concurrently. Each thread's bytes must be
        // its own answer's, whatever the others write at the same time.
        var responses = Enumerable.Range(0, 16).Select(i => AdmissionResponses.From(Request with { Uid = $"u-{i}" },
            i % 2 == 0 ? AdmissionDecision.Allowed : new AdmissionDecision.Deny([new RuleFailure("VmA", $"spec.x{i}", $"bad {i}")], []))).ToArray();
        var expected = responses.Select(r => JsonSerializer.SerializeToUtf8Bytes(AdmissionResponses.Envelope(r), AdmissionJsonContext.Wire.AdmissionReview)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var mismatches = 0;
            for (var round = 0; round < 500; round++)
            {
                var index = (worker + round) % responses.Length;
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                AdmissionResponses.Write(buffer, responses[index]);
                mismatches += buffer.WrittenSpan.SequenceEqual(expected[index]) ? 0 : 1;
            }
            return mismatches;
        }, TestContext.Current.CancellationToken)));

        Assert.All(results, mismatches => Assert.Equal(0, mismatches));
    }

    [Fact]
    public void A_write_that_failed_leaves_the_threads_writer_fit_for_the_next_answer()
    {
        var response = AdmissionResponses.From(Request, new AdmissionDecision.Deny([new RuleFailure("VmA", "spec.x", "bad x")], []));

        Assert.Throws<IOException>(() => AdmissionResponses.Write(new FailingBufferWriter(), response));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        AdmissionResponses.Write(buffer, response);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(AdmissionResponses.Envelope(response), AdmissionJsonContext.Wire.AdmissionReview), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Writing_an_answer_allocates_nothing_once_the_threads_writer_exists()
    {
        var response = AdmissionResponses.From(Request, AdmissionDecision.Allowed);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        AdmissionResponses.Write(buffer, response);

        // Between answers the writer rests on an output of its own: resting on Stream.Null made it a staging buffer per answer.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            AdmissionResponses.Write(buffer, response);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(AdmissionResponses.Envelope(response), AdmissionJsonContext.Wire.AdmissionReview), buffer.WrittenSpan.ToArray());
    }

    /// <summary>An output that fails on its first write, as a response body does when the client has gone.</summary>
    private sealed class FailingBufferWriter : System.Buffers.IBufferWriter<byte>
    {
        public void Advance(int count) => throw new IOException("the client has gone");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new IOException("the client has gone");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new IOException("the client has gone");
    }

    [Fact]
    public void Allow_echoes_uid_and_v1_envelope()
    {
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":true}}""",
            Wire(AdmissionDecision.Allowed));
    }

    [Fact]
    public void Deny_carries_422_Invalid_message_and_causes()
    {
        var decision = new AdmissionDecision.Deny(
            [new RuleFailure("VmA", "spec.x", "bad x"), new RuleFailure("VmB", "spec.y", "bad y")],
            [new RuleFailure("VmW", "spec.z", "look at z")]);

        Assert.Equal(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":false,"status":{"metadata":{},"status":"Failure","message":"VmA: spec.x: bad x; VmB: spec.y: bad y","reason":"Invalid","details":{"name":"vm-fedora","group":"kubevirt.io","kind":"VirtualMachine","causes":[{"reason":"VmA","message":"bad x","field":"spec.x"},{"reason":"VmB","message":"bad y","field":"spec.y"}]},"code":422},"warnings":["VmW: look at z"]}}""",
            Wire(decision));
    }

    [Fact]
    public void Patch_is_base64_JSONPatch_and_only_when_there_are_operations()
    {
        var operations = new JsonPatchBuilder().Add(JsonPointer.Parse("/spec/provider"), "a.b.ovn").Build();

        var withOps = Wire(new AdmissionDecision.Patch(operations, ["SubnetProviderFlavourMismatch"], []));
        var withoutOps = Wire(new AdmissionDecision.Patch([], [], []));

        var base64 = Convert.ToBase64String("""[{"op":"add","path":"/spec/provider","value":"a.b.ovn"}]"""u8.ToArray());
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":true,"patch":"BASE64","patchType":"JSONPatch"}}""".Replace("BASE64", base64, StringComparison.Ordinal), withOps);
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":true}}""", withoutOps);
    }

    [Fact]
    public void Error_is_a_denial_with_its_code()
    {
        Assert.Equal(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":false,"status":{"metadata":{},"status":"Failure","message":"cannot decode","reason":"BadRequest","code":400}}}""",
            Wire(new AdmissionDecision.Error(400, "cannot decode")));
    }

    [Fact]
    public void Message_lists_ten_causes_then_how_many_more()
    {
        var failures = Enumerable.Range(1, 13).Select(i => new RuleFailure("VmA", $"f{i}", $"m{i}")).ToList();

        var message = AdmissionResponses.FormatDenialMessage(failures);

        Assert.Equal(string.Join("; ", Enumerable.Range(1, 10).Select(i => $"VmA: f{i}: m{i}")) + "; and 3 more", message);
    }

    [Fact]
    public void Warnings_are_cut_to_120_characters()
    {
        var warnings = AdmissionResponses.FormatWarnings([new RuleFailure("VmW", "f", new string('x', 200)), new RuleFailure("VmV", "f", "short")])!;

        Assert.Equal(120, warnings[0].Length);
        Assert.StartsWith("VmW: xxx", warnings[0], StringComparison.Ordinal);
        Assert.EndsWith("...", warnings[0], StringComparison.Ordinal);
        Assert.Equal("VmV: short", warnings[1]);
    }

    [Fact]
    public void A_long_warning_keeps_its_code_and_fix_and_shortens_the_explanation()
    {
        const string fix = "SR-IOV plugs only through a live migration; use bridge: {} or add it while the VM is stopped";
        var message = $"interface \"dyniface1\" is hot-plugged with SR-IOV, but this cluster hot-plugs only bridge: {fix}";

        var warning = Assert.Single(AdmissionResponses.FormatWarnings([new RuleFailure("VmHotplugBindingUnsupported", "f", message)])!);

        Assert.True(warning.Length <= AdmissionResponses.MaxWarningLength, warning);
        Assert.StartsWith("VmHotplugBindingUnsupported: ", warning, StringComparison.Ordinal);
        Assert.EndsWith("...: use bridge: {} or add it while the VM is stopped", warning, StringComparison.Ordinal);
        Assert.Contains("interface \"dyniface1\"", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_is_cut_with_an_ellipsis_before_the_fix()
    {
        var explanation = "interface \"a: b\" " + new string('e', 100);

        var warning = AdmissionResponses.FitWarning("VmW", $"{explanation}: do this");

        Assert.Equal(AdmissionResponses.MaxWarningLength, warning.Length);
        Assert.StartsWith("VmW: interface \"a: b\" eee", warning, StringComparison.Ordinal);
        Assert.EndsWith("eee...: do this", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_that_fits_is_left_whole()
    {
        Assert.Equal("VmW: short: fix it", AdmissionResponses.FitWarning("VmW", "short: fix it"));
    }
}

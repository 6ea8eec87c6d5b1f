using System.Text;
using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;
using AdmissionWebhook.Tests.Resources.Decoding;
using AdmissionWebhook.Tests.Rules.VirtualMachines;
using CsCheck;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>
/// <c>object</c> and <c>oldObject</c> decoded inside the single pass over the body against the separate decode of their
/// text (itself held equal to the System.Text.Json oracle): on generated objects (type confusion, nulls, repeats,
/// escapes, lone surrogates, depth) the pass gives the same model, or gives up and leaves the object to the separate
/// decode, which then answers as it always did. It gives up exactly where that decode fails or the object is not an
/// ordinary one (a duplicate or escaped name, too many members to compare, nesting near the limit).
/// </summary>
public sealed class SinglePassDecodeTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "examples", "reviews", "hotplug-dyniface1.json"));

    [Fact]
    public void Decodes_the_seed_review_in_the_pass_as_the_separate_decode_does()
    {
        var body = Encoding.UTF8.GetBytes(Seed);

        var review = SinglePassReviewReader.TryRead(body);

        var request = review!.Request!;
        var current = Assert.IsType<VirtualMachine>(request.DecodedObject);
        var old = Assert.IsType<VirtualMachine>(request.DecodedOldObject);
        var (separate, separateOld) = DecodeSeparately(request, VirtualMachine.Descriptor);
        Assert.Equal(ResourceDecodingEquivalenceTests.Describe(separate.Model), ResourceDecodingEquivalenceTests.Describe(current));
        Assert.Equal(ResourceDecodingEquivalenceTests.Describe(separateOld.Model), ResourceDecodingEquivalenceTests.Describe(old));
        // oldObject shares object's entries written the same, as in the separate decode's session.
        Assert.Same(current.Interfaces[0], old.Interfaces[0]);
        Assert.Same(current.Networks[0], old.Networks[0]);
        // The name the review gives is one string, not one per mention.
        Assert.Same(request.Name, current.Metadata!.Name);
        Assert.Same(request.Name, old.Metadata!.Name);
    }

    [Fact]
    public void The_objects_share_their_uid_and_name_strings()
    {
        const string Vm = """{"metadata":{"name":"vm-1","uid":"6f1c0d2e-0000-4000-8000-00000000000a"}}""";
        var review = SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, Vm, Vm)))!;

        var current = Assert.IsType<VirtualMachine>(review.Request!.DecodedObject).Metadata!;
        var old = Assert.IsType<VirtualMachine>(review.Request.DecodedOldObject).Metadata!;

        Assert.Equal("6f1c0d2e-0000-4000-8000-00000000000a", current.Uid);
        Assert.Same(current.Uid, old.Uid);
        Assert.Same(current.Name, old.Name);
    }

    [Fact]
    public async Task A_reviewer_answers_from_the_model_decoded_in_the_pass_as_from_the_text()
    {
        var harness = VmTestData.Harness();
        var body = Encoding.UTF8.GetBytes(Seed);
        Assert.True(AdmissionReviewReader.TryRead(body, out var review, out _));
        var request = review.Request!;
        // The same texts without the models: the reviewer decodes them itself.
        var apart = request with { ObjectText = request.ObjectText, OldObjectText = request.OldObjectText };
        Assert.Null(apart.DecodedObject);
        var expected = Answer(apart, await harness.ValidateAsync(apart));

        // Then the body is wiped: only the models decoded in the pass can still give the same answer.
        var inPass = request with { };
        Array.Clear(body);
        var actual = Answer(inPass, await harness.ValidateAsync(inPass));

        Assert.Equal(expected, actual);
        Assert.Contains("\"allowed\":", actual, StringComparison.Ordinal);
    }

    private static string Answer(AdmissionRequest request, AdmissionDecision decision) =>
        JsonSerializer.Serialize(AdmissionResponses.Envelope(AdmissionResponses.From(request, decision)), AdmissionJsonContext.Default.AdmissionReview);

    [Theory]
    // A decode error: the pass leaves the object to the separate decode, which names the field.
    [InlineData("""{"spec":{"running":"yes"}}""", "spec.running")]
    [InlineData("""{"metadata":{"labels":{"a":1}}}""", "metadata.labels.a")]
    public void An_object_that_does_not_decode_is_left_to_the_separate_decode(string vm, string field)
    {
        var body = Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, vm, "null"));

        Assert.Null(SinglePassReviewReader.TryRead(body, decode: true, out var undecoded));
        Assert.True(undecoded);
        var review = SinglePassReviewReader.TryRead(body);
        Assert.Null(review!.Request!.DecodedObject);
        Assert.False(ResourceDecoding.TryDecode(review.Request.ObjectText!.Value, VirtualMachine.Descriptor, ref Session(), out _, out var failure));
        Assert.Equal(field, failure!.FieldPath);
    }

    [Theory]
    // Text after an unterminated value, an unquoted name, a missing value: syntax errors inside the decoded object.
    [InlineData("""{"spec":{"running":tru}}""")]
    [InlineData("""{"spec":{running:true}}""")]
    [InlineData("""{"metadata":{"labels":{"a":}}}""")]
    public void A_syntax_error_inside_a_decoded_object_gives_the_body_to_the_document_at_once(string vm)
    {
        var body = Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, vm, "null"));

        // The pass has no handler per token: the reader's own error ends it, with no second pass without decoding
        // (which met the same error at the same byte), and the document path names the fault as before.
        Assert.Null(SinglePassReviewReader.TryRead(body, decode: true, out var undecoded));
        Assert.False(undecoded);
        Assert.Null(SinglePassReviewReader.TryRead(body));
        Assert.False(AdmissionReviewReader.TryRead(body, out _, out var problem));
        Assert.StartsWith("the body is not valid JSON: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_shared_with_object_is_passed_whole_and_its_names_left_behind()
    {
        // oldObject's network is object's (passed over without a second check); the member after the list names what the
        // entry held, which is no repeat in its own object.
        const string Vm = """{"spec":{"template":{"spec":{"networks":[{"name":"a","pod":{}}],"name":"x","pod":1}}}}""";

        var review = SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, Vm, Vm)))!;

        var current = Assert.IsType<VirtualMachine>(review.Request!.DecodedObject);
        var old = Assert.IsType<VirtualMachine>(review.Request.DecodedOldObject);
        Assert.Same(current.Networks[0], old.Networks[0]);
    }

    [Fact]
    public void Names_of_lengths_that_share_a_mask_bit_are_still_compared()
    {
        // 1 and 65 bytes fall on the same bit of the per-object mask of lengths seen; 65 and 65 are compared byte by byte.
        var longName = new string('n', 65);
        var otherLong = new string('n', 64) + "m";
        var distinct = Labels("\"n\":\"1\",\"" + longName + "\":\"2\",\"" + otherLong + "\":\"3\"");
        var repeated = Labels("\"n\":\"1\",\"" + longName + "\":\"2\",\"" + longName + "\":\"3\"");

        var review = SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, distinct, "null")));
        var labels = Assert.IsType<VirtualMachine>(review!.Request!.DecodedObject).Metadata!.Labels!;
        Assert.Equal(3, labels.Count);
        Assert.Null(SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, repeated, "null"))));
    }

    [Fact]
    public void A_pass_after_one_of_many_open_names_still_refuses_duplicates()
    {
        // Sixty labels hold more names open at once than the first name buffer has room for: it grows, and is kept or
        // replaced for the thread's next pass, which checks as before.
        var labels = string.Join(",", Enumerable.Range(0, 60).Select(i => $"\"label-{i}\":\"{i}\""));
        var many = "{\"metadata\":{\"labels\":{" + labels + "}}}";
        var review = SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, many, many)));
        Assert.Equal(60, Assert.IsType<VirtualMachine>(review!.Request!.DecodedOldObject).Metadata!.Labels!.Count);
        // Ten nested objects of sixty names each, six hundred open at once: a buffer that large is not kept.
        var nested = "1";
        for (var level = 0; level < 10; level++)
        {
            nested = "{" + string.Join(",", Enumerable.Range(0, 59).Select(i => $"\"a{i}\":1")) + ",\"n\":" + nested + "}";
        }
        Assert.NotNull(SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, "{\"x\":" + nested + "}", "null")))!.Request!.DecodedObject);

        Assert.Null(SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, """{"spec":{"running":true,"running":false}}""", "null"))));
        Assert.NotNull(SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, """{"spec":{"running":true}}""", "null")))!.Request!.DecodedObject);
    }

    [Theory]
    // A duplicate at any depth of a decoded object, read or skipped: the document path refuses it in its words.
    [InlineData("""{"spec":{"template":{"spec":{"networks":[{"name":"a","name":"b"}]}}}}""")]
    [InlineData("""{"metadata":{"name":"a"},"metadata":{}}""")]
    [InlineData("""{"metadata":{"labels":{"a":"1","b":"2","a":"3"}}}""")]
    public void A_duplicate_inside_a_decoded_object_is_refused(string vm)
    {
        var body = Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, vm, "null"));

        Assert.Null(SinglePassReviewReader.TryRead(body));
        Assert.False(AdmissionReviewReader.TryRead(body, out _, out var problem));
        Assert.Contains("Duplicate", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Nesting_near_the_decode_limit_is_left_to_the_separate_decode()
    {
        foreach (var depth in new[] { 55, 61, 62, 63, 64, 70 })
        {
            var vm = "{\"x\":" + string.Concat(Enumerable.Repeat("{\"d\":", depth)) + "1" + new string('}', depth) + "}";
            var body = Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, vm, "null"));
            var review = SinglePassReviewReader.TryRead(body)!;
            var separate = ResourceDecoding.TryDecode(review.Request!.ObjectText!.Value, VirtualMachine.Descriptor, ref Session(), out _, out _);

            Assert.Equal(depth < 62, review.Request.DecodedObject is not null);
            Assert.Equal(depth < 64, separate);
        }
    }

    [Fact]
    public void Replacing_the_object_drops_its_model()
    {
        var review = SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(Envelope(VirtualMachine.Descriptor, """{"spec":{"running":true}}""", """{"spec":{}}""")))!;
        Assert.NotNull(review.Request!.DecodedObject);
        using var other = JsonDocument.Parse("""{"spec":{"running":false}}""");

        var replaced = review.Request with { Object = other.RootElement, OldObject = null };

        Assert.Null(replaced.DecodedObject);
        Assert.Null(replaced.DecodedOldObject);
    }

    [Fact]
    public void Virtual_machines_decode_in_the_pass_as_apart() => Agree(VirtualMachine.Descriptor, ModelShape.VirtualMachine, 3_000);

    [Fact]
    public void Network_attachment_definitions_decode_in_the_pass_as_apart() => Agree(NetworkAttachmentDefinition.Descriptor, ModelShape.NetworkAttachmentDefinition, 1_500);

    [Fact]
    public void Subnets_decode_in_the_pass_as_apart() => Agree(Subnet.Descriptor, ModelShape.Subnet, 1_500);

    /// <summary>
    /// For generated pairs (oldObject the same text as object now and then, so that entries are shared): the pass decodes
    /// both exactly when the separate decode does and they are ordinary, into the same models, and reads the envelope
    /// and texts as the pass without decoding does; when it gives up, that pass (the reviewer's separate decode) reads it.
    /// </summary>
    private static void Agree<T>(ResourceDescriptor<T> descriptor, ModelShape shape, int iterations) where T : class
    {
        var decodedInPass = 0;
        // Half hostile (repeats, escapes, depth, type confusion), half what the API server sends (a wrong type now and then).
        var objects = Gen.OneOf(ModelJsonGenerator.Root(shape), ModelJsonGenerator.OrdinaryRoot(shape));
        var pairs = Gen.Select(objects, Gen.Frequency((2, objects), (1, Gen.Const("same")), (1, Gen.Const("null"))),
            (current, old) => (current, old == "same" ? current : old));
        pairs.Sample(pair =>
        {
            var body = Encoding.UTF8.GetBytes(Envelope(descriptor, pair.Item1, pair.Item2));
            var outcome = Compare(body, descriptor);
            if (outcome == "decoded")
            {
                Interlocked.Increment(ref decodedInPass);
            }
            return outcome is "decoded" or "left alike";
        }, iter: iterations, print: pair => $"{pair}\n {Compare(Encoding.UTF8.GetBytes(Envelope(descriptor, pair.Item1, pair.Item2)), descriptor)}");
        // Not vacuous: a good share of the generated objects decode in the pass.
        Assert.True(decodedInPass > iterations / 8, $"{decodedInPass} of {iterations} decoded in the pass");
    }

    private static string Compare<T>(byte[] body, ResourceDescriptor<T> descriptor) where T : class
    {
        var decoded = SinglePassReviewReader.TryRead(body, decode: true, out var undecoded);
        var plain = SinglePassReviewReader.TryRead(body, decode: false, out _);
        if (plain is null)
        {
            // Refused by both: the document path answers (the pass may have given up at the object first).
            return decoded is null && SinglePassReviewReader.TryRead(body) is null ? "left alike" : "the pass took a body the plain pass refuses";
        }
        var (current, old) = DecodeSeparately(plain.Request!, descriptor);
        var expected = current.Ok && old.Ok && Ordinary(plain.Request!.ObjectText) && Ordinary(plain.Request.OldObjectText);
        if (decoded is null)
        {
            return !expected && undecoded && SinglePassReviewReader.TryRead(body) is { } again
                && SinglePassReviewReaderTests.Describe(again) == SinglePassReviewReaderTests.Describe(plain)
                ? "left alike"
                : $"not decoded in the pass (expected: {expected}, undecoded: {undecoded})";
        }
        if (!expected)
        {
            return "decoded in the pass where the separate decode fails or the object is not ordinary";
        }
        var request = decoded.Request!;
        var same = SinglePassReviewReaderTests.Describe(decoded) == SinglePassReviewReaderTests.Describe(plain)
            && ResourceDecodingEquivalenceTests.Describe(request.DecodedObject as T) == ResourceDecodingEquivalenceTests.Describe(current.Model)
            && ResourceDecodingEquivalenceTests.Describe(request.DecodedOldObject as T) == ResourceDecodingEquivalenceTests.Describe(old.Model)
            && (request.ObjectText is null) == (request.DecodedObject is null)
            && (request.OldObjectText is null) == (request.DecodedOldObject is null);
        return same ? "decoded" : "decoded differently";
    }

    /// <summary>The reviewer's decode: object, then oldObject in the same session (sharing entries written the same).</summary>
    private static ((bool Ok, T? Model) Current, (bool Ok, T? Model) Old) DecodeSeparately<T>(AdmissionRequest request, ResourceDescriptor<T> descriptor)
        where T : class
    {
        var session = default(ResourceDecodeSession);
        try
        {
            (bool, T?) Decode(ReadOnlyMemory<byte>? text, ref ResourceDecodeSession session) => text is { } json
                ? (ResourceDecoding.TryDecode(json, descriptor, ref session, out var value, out _), value)
                : (true, null);
            var current = Decode(request.ObjectText, ref session);
            return (current, current.Item1 ? Decode(request.OldObjectText, ref session) : (false, null));
        }
        finally
        {
            session.Dispose();
        }
    }

    /// <summary>What the pass decodes: no duplicate or escaped name, at most 64 members an object, nesting below 62.</summary>
    private static bool Ordinary(ReadOnlyMemory<byte>? text)
    {
        if (text is not { } json)
        {
            return true;
        }
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 256 });
        var open = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= 62:
                    return false;
                case JsonTokenType.StartObject:
                    open.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    open.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    if (reader.ValueIsEscaped || !open.Peek().Add(Encoding.UTF8.GetString(reader.ValueSpan)) || open.Peek().Count > 64)
                    {
                        return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static string Envelope<T>(ResourceDescriptor<T> descriptor, string current, string old) where T : class =>
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u-1\",\"kind\":{\"group\":\"" + descriptor.Group
        + "\",\"version\":\"" + descriptor.Version + "\",\"kind\":\"" + descriptor.Kind + "\"},\"operation\":\"UPDATE\",\"object\":" + current
        + ",\"oldObject\":" + old + "}}";

    private static string Labels(string members) => "{\"metadata\":{\"labels\":{" + members + "}}}";

    private static ref ResourceDecodeSession Session() => ref new ResourceDecodeSession[1].AsSpan()[0];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AdmissionWebhook.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("no repository root above the test binaries");
    }
}

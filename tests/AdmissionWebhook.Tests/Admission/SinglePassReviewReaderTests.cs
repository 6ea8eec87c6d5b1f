using System.Text;
using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.Resources.Decoding;
using CsCheck;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>
/// The single pass over a review body against the whole-body document it replaced: it reads what the API server sends,
/// and whatever it accepts the document path accepts too and reads the same; everything else it leaves to that path,
/// whose answers (duplicates, syntax, types, escapes) keep their words.
/// </summary>
public sealed class SinglePassReviewReaderTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "examples", "reviews", "hotplug-dyniface1.json"));

    [Fact]
    public void Reads_the_seed_review_in_one_pass_as_the_document_does()
    {
        var body = Encoding.UTF8.GetBytes(Seed);

        var fast = SinglePassReviewReader.TryRead(body);

        Assert.NotNull(fast);
        Assert.Equal(ThroughDocument(body), Describe(fast));
        Assert.Same("UPDATE", fast.Request!.Operation);
        Assert.Equal('{', (char)fast.Request.ObjectText!.Value.Span[0]);
    }

    [Fact]
    public void Reads_every_request_field_in_one_pass_as_the_document_does()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
              "uid":"705ab4f5","kind":{"group":"kubevirt.io","version":"v1","kind":"VirtualMachine"},
              "resource":{"group":"kubevirt.io","version":"v1","resource":"virtualmachines"},"subResource":"",
              "requestKind":{"group":"kubevirt.io","version":"v1alpha3","kind":"VirtualMachine","x":[{"a":1}]},
              "requestResource":{"group":"kubevirt.io","version":"v1alpha3","resource":"virtualmachines"},
              "requestSubResource":"","name":"vm1","namespace":"ns1","operation":"UPDATE",
              "userInfo":{"username":"alice","uid":"u-1","groups":["system:authenticated","caf\u00e9","a\"b"],"extra":{"scopes":["a","b"],"none":[]}},
              "object":{"metadata":{"name":"vm1"}},"oldObject":{"metadata":{"name":"vm1","resourceVersion":"7"}},
              "dryRun":true,"options":{"kind":"UpdateOptions","apiVersion":"meta.k8s.io/v1"},"unknown":[1,{"b":[]}]}}
            """);

        var fast = SinglePassReviewReader.TryRead(body);

        Assert.NotNull(fast);
        Assert.Equal(ThroughDocument(body), Describe(fast));
    }

    [Theory]
    // A duplicate anywhere, also deep inside a part of an object that no model reads.
    [InlineData("""{"kind":"AdmissionReview","kind":"AdmissionReview"}""")]
    [InlineData("""{"request":{"uid":"a","object":{"spec":{"template":{"spec":{"volumes":[{"name":"a","name":"b"}]}}}}}}""")]
    [InlineData("""{"request":{"uid":"a","options":{"a":{"b":1,"c":{"d":2},"b":3}}}}""")]
    [InlineData("""{"request":{"uid":"a","userInfo":{"extra":{"k":["v"],"k":[]}}}}""")]
    // Not JSON, or more than one value.
    [InlineData("""{"request":{"uid":"a"}""")]
    [InlineData("""{"request":{"uid":"a"}} {}""")]
    [InlineData("""{"request":{"uid":"a",}}""")]
    // Fields of the wrong type.
    [InlineData("""{"request":{"uid":1}}""")]
    [InlineData("""{"request":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"request":{"dryRun":"yes"}}""")]
    [InlineData("""{"request":{"userInfo":{"groups":["a",null]}}}""")]
    [InlineData("""{"request":{"userInfo":{"extra":{"k":null}}}}""")]
    [InlineData("""{"request":{"kind":{"group":5}}}""")]
    // Escapes that are no text.
    [InlineData("""{"request":{"uid":"\ud800"}}""")]
    public void Leaves_every_body_the_document_refuses_to_the_document(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        Assert.Null(SinglePassReviewReader.TryRead(body));
        Assert.False(AdmissionReviewReader.TryReadThroughDocument(body, out _, out var problem));
        Assert.False(AdmissionReviewReader.TryRead(body, out _, out var answer));
        Assert.Equal(problem, answer);
    }

    [Theory]
    // Names with escapes, and an object of more members than the pass compares pairwise: the document reads them.
    [InlineData("""{"request":{"\u0075id":"a"}}""")]
    [InlineData("""{"request":{"uid":"a","object":{"m\u0065tadata":{}}}}""")]
    public void Leaves_unusual_bodies_to_the_document_which_reads_them(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        Assert.Null(SinglePassReviewReader.TryRead(body));
        Assert.True(AdmissionReviewReader.TryRead(body, out var review, out _));
        Assert.Equal(ThroughDocument(body), Describe(review));
    }

    [Fact]
    public void Leaves_an_object_of_many_members_to_the_document()
    {
        var labels = string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"l{i}\":\"v\""));
        var body = Encoding.UTF8.GetBytes("""{"request":{"uid":"a","object":{"metadata":{"labels":{""" + labels + "}}}}}");

        Assert.Null(SinglePassReviewReader.TryRead(body));
        Assert.True(AdmissionReviewReader.TryRead(body, out var review, out _));
        Assert.Equal(ThroughDocument(body), Describe(review));
    }

    [Fact]
    public void An_object_read_from_a_body_outlives_the_body_once_made_an_element()
    {
        var body = Encoding.UTF8.GetBytes("""{"request":{"uid":"a","object":{"spec":{"running":true}}}}""");
        Assert.True(AdmissionReviewReader.TryRead(body, out var review, out _));
        var request = review.Request!;

        var element = request.Object!.Value;
        Array.Clear(body);

        Assert.Equal("""{"spec":{"running":true}}""", element.GetRawText());
    }

    [Fact]
    public void Replacing_the_object_drops_its_text()
    {
        Assert.True(AdmissionReviewReader.TryRead(Encoding.UTF8.GetBytes("""{"request":{"uid":"a","object":{"a":1}}}"""), out var review, out _));
        using var other = JsonDocument.Parse("""{"b":2}""");

        var replaced = review.Request! with { Object = other.RootElement };

        Assert.Null(replaced.ObjectText);
        Assert.Equal("""{"b":2}""", replaced.Object!.Value.GetRawText());
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(review.Request.ObjectText!.Value.Span));
    }

    [Fact]
    public void Whatever_the_single_pass_accepts_the_document_reads_the_same() =>
        Bodies.Sample(json =>
        {
            var body = Encoding.UTF8.GetBytes(json);
            var fast = SinglePassReviewReader.TryRead(body);
            return fast is null || Describe(fast) == ThroughDocument(body);
        }, iter: 4_000, print: json => $"{json}\n fast: {Describe(SinglePassReviewReader.TryRead(Encoding.UTF8.GetBytes(json)))}\n document: {ThroughDocument(Encoding.UTF8.GetBytes(json))}");

    [Fact]
    public void The_single_pass_takes_most_generated_reviews_the_document_accepts()
    {
        var (accepted, fast) = (0, 0);
        Bodies.Sample(json =>
        {
            var body = Encoding.UTF8.GetBytes(json);
            if (!ThroughDocument(body).StartsWith("refused", StringComparison.Ordinal))
            {
                accepted++;
                fast += SinglePassReviewReader.TryRead(body) is null ? 0 : 1;
            }
        }, iter: 1_000, threads: 1);
        // Only names written with escapes (which the generated objects spell now and then, about one body in eight) and
        // large objects are left to the document.
        Assert.InRange(fast, accepted * 3 / 4, accepted);
        Assert.True(accepted > 100, $"{accepted} generated reviews accepted");
    }

    private static string ThroughDocument(ReadOnlyMemory<byte> body)
    {
        try
        {
            return AdmissionReviewReader.TryReadThroughDocument(body, out var review, out var problem) ? Describe(review) : "refused: " + problem;
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escaped in a member name, which the transport refuses before reading (SurrogateEscapes).
            return "refused before reading";
        }
    }

    /// <summary>Every field of the review, the objects by their text in the body.</summary>
    internal static string Describe(AdmissionReview? review)
    {
        if (review is null)
        {
            return "null";
        }
        var request = review.Request;
        var text = new StringBuilder(JsonSerializer.Serialize(review with { Request = null }, AdmissionJsonContext.Default.AdmissionReview));
        if (request is not null)
        {
            text.Append(" request: ").Append(JsonSerializer.Serialize(request with { Object = null, OldObject = null, Options = null }, AdmissionJsonContext.Default.AdmissionRequest));
            text.Append(" object: ").Append(Raw(request.ObjectText)).Append(" oldObject: ").Append(Raw(request.OldObjectText)).Append(" options: ").Append(Raw(request.OptionsText));
            text.Append(" kinds shared: ").Append(ReferenceEquals(request.Kind, request.RequestKind));
        }
        return text.ToString();
    }

    private static string Raw(ReadOnlyMemory<byte>? text) => text is { } value ? Encoding.UTF8.GetString(value.Span) : "none";

    // --- Generated bodies: mostly reviews of the right shape, with nulls, wrong types, unknown and repeated members,
    // escapes, and now and then a syntax error.

    private static readonly Gen<string> Text = Gen.OneOf<string>(
        "\"\"", "\"u-1\"", "\"UPDATE\"", "\"CREATE\"", "\"kubevirt.io\"", "\"v1\"", "\"VirtualMachine\"", "\"virtualmachines\"",
        "\"system:authenticated\"", "\"caf\u00e9\"", "\"\\u0041\\n\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"");

    private static readonly Gen<string> WrongType = Gen.OneOf<string>("1", "true", "{}", "[]", "[\"a\"]", "{\"a\":1}");

    private static readonly Gen<string> Names = Gen.OneOf<string>("a", "b", "name", "n\\u0061me", "", "x.y");

    private static Gen<string> Field(Gen<string> right) => Gen.Frequency((10, right), (1, Gen.Const("null")), (1, WrongType));

    private static Gen<string> AnyValue(int depth) => depth == 0
        ? Gen.OneOf(Text, Gen.OneOf<string>("0", "-2.5e3", "true", "false", "null"))
        : Gen.Frequency(
            (3, AnyValue(0)),
            (1, AnyValue(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Names, AnyValue(depth - 1), (k, v) => $"\"{k}\":{v}").Array[0, 4].Select(e => "{" + string.Join(",", e) + "}")));

    private static Gen<string> Object(params (string Name, Gen<string> Value)[] members)
    {
        var all = Gen.Const(new List<string>());
        foreach (var (name, value) in members)
        {
            var present = value.Select(v => $"\"{name}\":{v}");
            var entry = Gen.Frequency((3, Gen.Const(Array.Empty<string>())), (12, present.Select(p => new[] { p })), (1, present.Array[2]));
            all = Gen.Select(all, entry, (list, more) => list.Concat(more).ToList());
        }
        var unknown = Gen.Select(Names, AnyValue(2), (n, v) => $"\"{n}\":{v}").Array[0, 2];
        return Gen.Select(all, unknown, Gen.Int, (known, extra, seed) =>
        {
            var shuffled = known.Concat(extra).ToArray();
            new Random(seed).Shuffle(shuffled);
            return "{" + string.Join(",", shuffled) + "}";
        });
    }

    private static readonly Gen<string> Strings = Field(Text.Array[0, 3].Select(items => "[" + string.Join(",", items) + "]"));

    private static readonly Gen<string> Request = Object(
        ("uid", Field(Text)),
        ("kind", Field(Object(("group", Field(Text)), ("version", Field(Text)), ("kind", Field(Text))))),
        ("resource", Field(Object(("group", Field(Text)), ("version", Field(Text)), ("resource", Field(Text))))),
        ("subResource", Field(Text)),
        ("requestKind", Field(Object(("group", Field(Text)), ("version", Field(Text)), ("kind", Field(Text))))),
        ("requestResource", Field(Object(("group", Field(Text)), ("version", Field(Text)), ("resource", Field(Text))))),
        ("requestSubResource", Field(Text)),
        ("name", Field(Text)),
        ("namespace", Field(Text)),
        ("operation", Field(Text)),
        ("userInfo", Field(Object(("username", Field(Text)), ("uid", Field(Text)), ("groups", Strings),
            ("extra", Field(Gen.Select(Names, Strings, (k, v) => $"\"{k}\":{v}").Array[0, 3].Select(e => "{" + string.Join(",", e) + "}")))))),
        ("object", Gen.Frequency((3, ModelJsonGenerator.Root(ModelShape.VirtualMachine)), (1, AnyValue(3)))),
        ("oldObject", Gen.Frequency((3, ModelJsonGenerator.Root(ModelShape.VirtualMachine)), (1, AnyValue(3)))),
        ("dryRun", Field(Gen.OneOf<string>("true", "false"))),
        ("options", AnyValue(2)));

    private static readonly Gen<string> Bodies = Gen.Select(
        Object(("apiVersion", Field(Text)), ("kind", Field(Text)), ("request", Field(Request))),
        Gen.Int[0, 40],
        Gen.Int[0, 1 << 20],
        (json, fault, where) => fault switch
        {
            // Now and then not JSON: cut short, or a value after the first.
            0 => json[..(where % json.Length)],
            1 => json + " {}",
            _ => json,
        });

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

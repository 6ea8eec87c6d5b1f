using System.Collections.Immutable;
using CsCheck;

namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>
/// JSON text for an object of a <see cref="ModelShape"/>: mostly the right types, with nulls, type confusion, repeated
/// members, members spelled with escapes or in another case, unknown members (some nested past the depth limit),
/// awkward strings (escapes, a lone surrogate, non-ASCII) and numbers (beyond float64, negative zero).
/// </summary>
internal static class ModelJsonGenerator
{
    private static readonly Gen<string> WrongType = Gen.OneOf<string>("1", "-2.5e3", "true", "false", "\"text\"", "{}", "[]", "[1]", "{\"a\":1}", "[null]", "[{}]");

    private static readonly Gen<string> Strings = Gen.OneOf<string>(
        "\"\"", "\"a\"", "\"vm-1\"", "\"Always\"", "\"absent\"", "\"up\"", "\"10.0.0.0/24\"", "\"kube-ovn\"", "\"a.b/c\"",
        "\"caf\u00e9\"", "\"\\u0041\\n\\t\\\"\\\\\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"x\\udc00y\"", "\"Running\"", "\"Starting\"");

    private static readonly Gen<string> Numbers = Gen.OneOf<string>(
        "0", "1", "-1", "2.5", "-0", "1e3", "1E-3", "1e400", "-1e400", "1e-400", "12345678901234567890123", "0.1");

    private static readonly Gen<string> Keys = Gen.OneOf<string>(
        "a", "b", "a.b", "x/y", "1", "", "k'q", "caf\u00e9", "sp ace", "br[a]ck", "n\\u0061me", "\\ud800");

    // What the API server writes: no lone surrogate (the transport refuses one anyway), no number beyond float64.
    private static readonly Gen<string> PlainStrings = Gen.OneOf<string>(
        "\"\"", "\"a\"", "\"vm-1\"", "\"Always\"", "\"absent\"", "\"up\"", "\"10.0.0.0/24\"", "\"kube-ovn\"", "\"a.b/c\"",
        "\"caf\u00e9\"", "\"\\u0041\\n\\t\\\"\\\\\"", "\"\\ud83d\\ude00\"", "\"Running\"", "\"Starting\"");

    private static readonly Gen<string> PlainNumbers = Gen.OneOf<string>("0", "1", "-1", "2.5", "-0", "1e3", "1E-3", "1e-400", "0.1");

    private static readonly Gen<string> PlainKeys = Gen.OneOf<string>("a", "b", "a.b", "x/y", "1", "", "k'q", "caf\u00e9", "sp ace", "br[a]ck");

    private static readonly Gen<string> Unknown = Gen.OneOf<string>("extra", "Name", "SPEC", "volumes", "x.y", "12", "\\u0000");

    public static Gen<string> For(ModelShape shape) => For(shape, ordinary: false);

    /// <summary>
    /// With <paramref name="ordinary"/>, what the API server would send (no repeated member, no name written with escapes,
    /// no nesting near the limit, map keys plain), with a wrong type now and then: most such objects decode.
    /// </summary>
    private static Gen<string> For(ModelShape shape, bool ordinary)
    {
        // Against the right value: nulls, and (less often for ordinary objects) values of another type.
        Gen<string> Or(Gen<string> right) => ordinary
            ? Gen.Frequency((40, right), (2, Gen.Const("null")), (1, WrongType))
            : Gen.Frequency((8, right), (1, Gen.Const("null")), (2, WrongType));
        return shape switch
        {
            ModelShape.Leaf { Kind: "string" } => Or(ordinary ? PlainStrings : Strings),
            ModelShape.Leaf { Kind: "bool" } => Or(Gen.OneOf<string>("true", "false")),
            ModelShape.Leaf { Kind: "number" } => Or(ordinary ? PlainNumbers : Numbers),
            ModelShape.Leaf => AnyValue(3, ordinary),
            ModelShape.List list => Or(For(list.Item, ordinary).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            ModelShape.Map => Or(Gen.Select(ordinary ? PlainKeys : Keys, For(ModelShape.Text, ordinary), (k, v) => $"\"{k}\":{v}").Array[0, 3]
                .Select(e => "{" + string.Join(",", ordinary ? e.DistinctBy(entry => entry[..entry.IndexOf("\":", StringComparison.Ordinal)]) : e) + "}")),
            ModelShape.Members members => ordinary
                ? Gen.Frequency((40, Object(members, ordinary)), (2, Gen.Const("null")), (1, WrongType))
                : Gen.Frequency((10, Object(members, ordinary)), (1, Gen.Const("null")), (2, WrongType)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    /// <summary>An object of the shape itself (never null or another type): the root of a generated object.</summary>
    public static Gen<string> Root(ModelShape shape) => Object((ModelShape.Members)shape, ordinary: false);

    /// <summary>An ordinary object of the shape (see <see cref="For(ModelShape, bool)"/>).</summary>
    public static Gen<string> OrdinaryRoot(ModelShape shape) => Object((ModelShape.Members)shape, ordinary: true);

    private static Gen<string> Object(ModelShape.Members shape, bool ordinary)
    {
        var members = Gen.Const(ImmutableList<string>.Empty);
        foreach (var (name, member) in shape.Known)
        {
            var spelled = ordinary ? Gen.Const(name) : Gen.Frequency((12, Gen.Const(name)), (1, Gen.Const(Escaped(name))), (1, Gen.Const(Upper(name))));
            var present = Gen.Select(spelled, For(member, ordinary), (n, v) => $"\"{n}\":{v}");
            // Absent, present once, or present twice (the last value counts).
            var entry = ordinary
                ? Gen.Frequency((1, Gen.Const(ImmutableList<string>.Empty)), (3, present.Select(ImmutableList.Create)))
                : Gen.Frequency(
                    (3, Gen.Const(ImmutableList<string>.Empty)),
                    (8, present.Select(ImmutableList.Create)),
                    (1, Gen.Select(present, present, (a, b) => ImmutableList.Create(a, b))));
            members = Gen.Select(members, entry, (list, more) => list.AddRange(more));
        }
        var unknown = ordinary
            ? Gen.Select(Gen.OneOf<string>("extra", "volumes", "x.y"), AnyValue(2, ordinary), (n, v) => $"\"{n}\":{v}").Array[0, 1]
            : Gen.Select(Unknown, Gen.Frequency((6, AnyValue(2, ordinary)), (1, Nested)), (n, v) => $"\"{n}\":{v}").Array[0, 2];
        return Gen.Select(members, unknown, Gen.Int, (known, extra, seed) =>
        {
            var all = known.AddRange(extra).ToArray();
            new Random(seed).Shuffle(all);
            return "{" + string.Join(",", all) + "}";
        });
    }

    /// <summary>An unknown member nested around the decode's depth limit of 64.</summary>
    private static readonly Gen<string> Nested = Gen.Select(Gen.Int[50, 70], Gen.Bool, (depth, arrays) =>
        arrays ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"d\":", depth)) + "1" + new string('}', depth));

    private static Gen<string> AnyValue(int depth, bool ordinary) => depth == 0
        ? Gen.OneOf(Strings, Numbers, Gen.OneOf<string>("true", "false", "null"))
        : Gen.Frequency(
            (4, AnyValue(0, ordinary)),
            (1, AnyValue(depth - 1, ordinary).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(ordinary ? PlainKeys : Keys, AnyValue(depth - 1, ordinary), (k, v) => $"\"{k}\":{v}").Array[0, 3]
                .Select(e => "{" + string.Join(",", ordinary ? e.DistinctBy(entry => entry[..entry.IndexOf("\":", StringComparison.Ordinal)]) : e) + "}")));

    private static string Escaped(string name) => $"\\u{(int)name[0]:x4}{name[1..]}";

    private static string Upper(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}

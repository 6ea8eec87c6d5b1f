namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>The JSON shape a model member is decoded from, to generate objects that fit it, or nearly.</summary>
internal abstract record ModelShape
{
    public static readonly ModelShape Text = new Leaf("string");
    public static readonly ModelShape Flag = new Leaf("bool");
    public static readonly ModelShape Number = new Leaf("number");
    public static readonly ModelShape Anything = new Leaf("any");
    public static readonly ModelShape Presence = new Members([]);
    public static readonly ModelShape TextMap = new Map();

    public static ModelShape ListOf(ModelShape item) => new List(item);

    public static ModelShape Object(params (string Name, ModelShape Shape)[] members) => new Members(members);

    public sealed record Leaf(string Kind) : ModelShape;

    public sealed record List(ModelShape Item) : ModelShape;

    public sealed record Map : ModelShape;

    public sealed record Members((string Name, ModelShape Shape)[] Known) : ModelShape;

    private static readonly (string, ModelShape)[] Meta =
    [
        ("name", Text), ("namespace", Text), ("uid", Text), ("resourceVersion", Text), ("deletionTimestamp", Text),
        ("labels", TextMap), ("annotations", TextMap),
    ];

    private static readonly ModelShape Interface = Object(
        ("name", Text), ("bridge", Presence), ("masquerade", Presence), ("sriov", Presence), ("passtBinding", Presence),
        ("slirp", Presence), ("macvtap", Presence), ("passt", Presence), ("binding", Object(("name", Text))),
        ("state", Text), ("model", Text), ("macAddress", Text), ("pciAddress", Text));

    private static readonly ModelShape Network = Object(
        ("name", Text), ("pod", Presence), ("multus", Object(("networkName", Text), ("default", Flag))), ("resourceClaim", Presence));

    public static readonly ModelShape VirtualMachine = Object(
        ("apiVersion", Text), ("kind", Text), ("metadata", Object(Meta)),
        ("spec", Object(
            ("running", Flag), ("runStrategy", Text),
            ("template", Object(
                ("metadata", Object(Meta)),
                ("spec", Object(
                    ("domain", Object(("devices", Object(("interfaces", ListOf(Interface)))))),
                    ("networks", ListOf(Network)))))))),
        ("status", Object(("created", Flag), ("ready", Flag), ("printableStatus", Text))));

    public static readonly ModelShape NetworkAttachmentDefinition = Object(
        ("apiVersion", Text), ("kind", Text), ("metadata", Object(Meta)), ("spec", Object(("config", Text))));

    public static readonly ModelShape Subnet = Object(
        ("apiVersion", Text), ("kind", Text), ("metadata", Object(Meta)),
        ("spec", Object(
            ("provider", Text), ("cidrBlock", Text), ("gateway", Text), ("excludeIps", ListOf(Text)), ("protocol", Text),
            ("vpc", Text), ("vlan", Text), ("cidr", Anything))),
        ("status", Object(("v4usingIPs", Number), ("v6usingIPs", Number))));
}

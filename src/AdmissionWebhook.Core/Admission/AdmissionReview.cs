using System.Text.Json;
using System.Text.Json.Serialization;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Admission;

/// <summary>The <c>admission.k8s.io/v1</c> envelope: a request from the API server, or our response.</summary>
public sealed record AdmissionReview
{
    public const string V1ApiVersion = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionRequest? Request { get; init; }

    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionResponse? Response { get; init; }
}

/// <summary>Every field of the v1 <c>request</c> stanza (kubernetes/api admission/v1/types.go).</summary>
public sealed record AdmissionRequest
{
    /// <summary>Fresh for every webhook call, reinvocations included; echoed in the response.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>The kind as matched by the webhook rule (after an Equivalent conversion).</summary>
    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; init; }

    [JsonPropertyName("resource")]
    public GroupVersionResource? Resource { get; init; }

    [JsonPropertyName("subResource")]
    public string? SubResource { get; init; }

    /// <summary>What the client actually called.</summary>
    [JsonPropertyName("requestKind")]
    public GroupVersionKind? RequestKind { get; init; }

    [JsonPropertyName("requestResource")]
    public GroupVersionResource? RequestResource { get; init; }

    [JsonPropertyName("requestSubResource")]
    public string? RequestSubResource { get; init; }

    /// <summary>Empty on CREATE with <c>generateName</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Empty for cluster-scoped objects.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    [JsonPropertyName("userInfo")]
    public UserInfo? UserInfo { get; init; }

    // An object is held as its text in the request body (the transport's reading) or as an element (every other
    // reader); each form is made from the other on first use. Setting one form drops the other, and the model decoded
    // from it, so a `with` that replaces the object never keeps a stale text or model.
    //
    // Every review builds one of these, so the forms are kept lean: a text is a plain ReadOnlyMemory plus a bit saying it
    // is there (a nullable one is 24 bytes), and an element, which most reviews never ask for, is a reference to a box made
    // on first use (a JsonElement? is 24 bytes per member). A reference is written atomically, so two threads asking at
    // once each see a whole element, and a `with` copy that shares a box shares an immutable value.
    private ReadOnlyMemory<byte> _objectText;
    private ReadOnlyMemory<byte> _oldObjectText;
    private ReadOnlyMemory<byte> _optionsText;
    private object? _decodedObject;
    private object? _decodedOldObject;
    private ParsedElement? _object;
    private ParsedElement? _oldObject;
    private ParsedElement? _options;
    private TextForms _texts;

    /// <summary>The new object; null on DELETE. Parsed (a copy of its text) on first use when read from a body.</summary>
    [JsonPropertyName("object")]
    public JsonElement? Object
    {
        get => ParsedElement.Get(ref _object, TextOf(TextForms.Object, _objectText));
        init => (_object, _objectText, _decodedObject, _texts) = (ParsedElement.Of(value), default, null, _texts & ~TextForms.Object);
    }

    /// <summary>The stored object on UPDATE and DELETE; null on CREATE.</summary>
    [JsonPropertyName("oldObject")]
    public JsonElement? OldObject
    {
        get => ParsedElement.Get(ref _oldObject, TextOf(TextForms.OldObject, _oldObjectText));
        init => (_oldObject, _oldObjectText, _decodedOldObject, _texts) = (ParsedElement.Of(value), default, null, _texts & ~TextForms.OldObject);
    }

    /// <summary><see cref="Object"/>'s JSON text in the request body, when read from one (the typed decode reads it there).</summary>
    internal ReadOnlyMemory<byte>? ObjectText
    {
        get => TextOf(TextForms.Object, _objectText);
        init => (_objectText, _texts, _object, _decodedObject) = (value ?? default, WithText(TextForms.Object, value), null, null);
    }

    /// <summary><see cref="OldObject"/>'s JSON text in the request body, when read from one.</summary>
    internal ReadOnlyMemory<byte>? OldObjectText
    {
        get => TextOf(TextForms.OldObject, _oldObjectText);
        init => (_oldObjectText, _texts, _oldObject, _decodedOldObject) = (value ?? default, WithText(TextForms.OldObject, value), null, null);
    }

    /// <summary>
    /// <see cref="ObjectText"/> decoded into its model in the transport's single pass (set after the text), or null: the
    /// reviewer decodes the text itself then.
    /// </summary>
    internal object? DecodedObject
    {
        get => _decodedObject;
        init => _decodedObject = value;
    }

    /// <summary><see cref="OldObjectText"/> decoded into its model in the transport's single pass, or null.</summary>
    internal object? DecodedOldObject
    {
        get => _decodedOldObject;
        init => _decodedOldObject = value;
    }

    /// <summary><see cref="Options"/>' JSON text in the request body, when read from one.</summary>
    internal ReadOnlyMemory<byte>? OptionsText
    {
        get => TextOf(TextForms.Options, _optionsText);
        init => (_optionsText, _texts, _options) = (value ?? default, WithText(TextForms.Options, value), null);
    }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; init; }

    /// <summary>CreateOptions, UpdateOptions or DeleteOptions.</summary>
    [JsonPropertyName("options")]
    public JsonElement? Options
    {
        get => ParsedElement.Get(ref _options, TextOf(TextForms.Options, _optionsText));
        init => (_options, _optionsText, _texts) = (ParsedElement.Of(value), default, _texts & ~TextForms.Options);
    }

    // The cast matters: a bare null would convert to an empty ReadOnlyMemory (through its conversion from an array), a text.
    private ReadOnlyMemory<byte>? TextOf(TextForms member, ReadOnlyMemory<byte> text) => (_texts & member) != 0 ? text : (ReadOnlyMemory<byte>?)null;

    private TextForms WithText(TextForms member, ReadOnlyMemory<byte>? text) => text is null ? _texts & ~member : _texts | member;

    /// <summary>Which members are held as text (a text may be empty, so an empty memory does not say it is absent).</summary>
    [Flags]
    private enum TextForms : byte
    {
        Object = 1,
        OldObject = 2,
        Options = 4,
    }

    /// <summary>
    /// A member's element, boxed so that an unparsed member costs one reference; compared by value, so two requests are
    /// equal exactly when their elements are (as when the elements were fields of their own).
    /// </summary>
    private sealed record ParsedElement(JsonElement Value)
    {
        /// <summary>The box of <paramref name="value"/>; none for null, so a member without an element holds nothing.</summary>
        public static ParsedElement? Of(JsonElement? value) => value is { } element ? new ParsedElement(element) : null;

        /// <summary>The element in <paramref name="slot"/>, else the one parsed from <paramref name="text"/> (then kept there).</summary>
        public static JsonElement? Get(ref ParsedElement? slot, ReadOnlyMemory<byte>? text)
        {
            if (slot is { } parsed)
            {
                return parsed.Value;
            }
            var element = RawJson.Parse(text);
            slot = Of(element);
            return element;
        }
    }
}

public sealed record GroupVersionKind(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("kind")] string? Kind);

public sealed record GroupVersionResource(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("resource")] string? Resource);

/// <summary>The requesting user, as authenticated by the API server.</summary>
public sealed record UserInfo
{
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }

    [JsonPropertyName("extra")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }
}

/// <summary>The v1 <c>response</c> stanza. Built only by <see cref="AdmissionResponses"/>.</summary>
public sealed record AdmissionResponse
{
    [JsonPropertyName("uid")]
    public required string Uid { get; init; }

    [JsonPropertyName("allowed")]
    public required bool Allowed { get; init; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Status? Status { get; init; }

    /// <summary>The patch's bytes, written as base64 (the wire form) segment by segment by <see cref="PatchPayloadJsonConverter"/>.</summary>
    [JsonPropertyName("patch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(PatchPayloadJsonConverter))]
    public PatchPayload? Patch { get; init; }

    [JsonPropertyName("patchType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PatchType { get; init; }

    [JsonPropertyName("warnings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Warnings { get; init; }

    [JsonPropertyName("auditAnnotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? AuditAnnotations { get; init; }
}

/// <summary>A <c>meta.k8s.io/v1</c> Status, as the API server hands it back to the client.</summary>
public sealed record Status
{
    [JsonPropertyName("metadata")]
    public StatusMetadata Metadata { get; init; } = new();

    [JsonPropertyName("status")]
    public string StatusText { get; init; } = "Failure";

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatusDetails? Details { get; init; }

    [JsonPropertyName("code")]
    public required int Code { get; init; }
}

/// <summary>Always empty; present because metav1.Status carries ListMeta.</summary>
public sealed record StatusMetadata;

public sealed record StatusDetails
{
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("group")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Group { get; init; }

    [JsonPropertyName("kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName("causes")]
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];
}

/// <summary>One cause; <c>reason</c> carries the rule code (apimachinery serialises CauseType as "reason").</summary>
public sealed record StatusCause(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("field")] string Field);

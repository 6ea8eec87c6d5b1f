using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Admission;

/// <summary>
/// Reads an AdmissionReview from a parsed document without copying <c>object</c> and <c>oldObject</c>: their elements
/// point into the given document, so the body is parsed exactly once and the typed models decode straight from
/// it. (System.Text.Json's own JsonElement converter would re-parse each of them into a document of its own.) The
/// caller keeps the document alive until the review is answered.
/// </summary>
public static class AdmissionReviewReader
{
    /// <summary>
    /// The strings every review repeats (the AdmissionReview's own apiVersion and kind, the reviewed resources' group,
    /// version, kind and plural, the operation, the usual groups): one shared instance each instead of a new string per
    /// review, since they were most of what reading the envelope allocated.
    /// </summary>
    internal static readonly StringTable Known = new(
        AdmissionReview.V1ApiVersion, AdmissionReview.ReviewKind, "meta.k8s.io/v1",
        "CREATE", "UPDATE", "DELETE", "CONNECT", "status", "default",
        "system:authenticated", "system:serviceaccounts", "system:masters", "system:nodes",
        VirtualMachine.Descriptor.Group, VirtualMachine.Descriptor.Version, VirtualMachine.Descriptor.Kind, VirtualMachine.Descriptor.Plural,
        NetworkAttachmentDefinition.Descriptor.Group, NetworkAttachmentDefinition.Descriptor.Kind, NetworkAttachmentDefinition.Descriptor.Plural,
        Subnet.Descriptor.Group, Subnet.Descriptor.Kind, Subnet.Descriptor.Plural);

    /// <summary>The transport's parse options: Go's decoder reads deeper, but no reviewed object comes near this.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = SinglePassReviewReader.MaxDepth };

    /// <summary>
    /// Reads the AdmissionReview in a request body (valid UTF-8 with no lone surrogate escaped, both checked by the
    /// caller: the transport answers them in words of their own). The API server never sends a
    /// duplicate member (it encodes Go values), so one anywhere is refused rather than guessed at. <c>object</c>,
    /// <c>oldObject</c> and <c>options</c> are kept as slices of <paramref name="body"/>, which must outlive the review;
    /// their elements are parsed (copied) only when something asks for them.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="review">When true: the review.</param>
    /// <param name="problem">When false: why, in the words of the transport's 400 answer.</param>
    public static bool TryRead(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out AdmissionReview? review, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        // One pass for what the API server sends; anything else goes through the document, which names the fault.
        review = SinglePassReviewReader.TryRead(body);
        return review is not null || TryReadThroughDocument(body, out review, out problem);
    }

    /// <summary>The reading of <see cref="TryRead"/> through a whole-body document: every body the single pass leaves to it.</summary>
    internal static bool TryReadThroughDocument(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out AdmissionReview? review, [NotNullWhen(false)] out string? problem)
    {
        review = null;
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            problem = $"the body is not valid JSON: {e.Message}";
            return false;
        }
        using (document)
        {
            try
            {
                review = Read(document);
            }
            catch (JsonException e)
            {
                problem = $"the body is not a valid AdmissionReview: {e.Message}";
                return false;
            }
            // The document parsed the body in place: its elements are slices of it, kept as such past the document.
            if (review.Request is { } request)
            {
                review = review with
                {
                    Request = request with
                    {
                        ObjectText = SliceOf(body, request.Object),
                        OldObjectText = SliceOf(body, request.OldObject),
                        OptionsText = SliceOf(body, request.Options),
                    },
                };
            }
            return true;
        }
    }

    private static ReadOnlyMemory<byte>? SliceOf(ReadOnlyMemory<byte> body, JsonElement? element)
    {
        if (element is not { } value)
        {
            return null;
        }
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return body.Span.Overlaps(raw, out var offset) ? body.Slice(offset, raw.Length) : throw new InvalidOperationException("the element is not in the body");
    }

    /// <exception cref="JsonException">The document is not an AdmissionReview; the message names the member.</exception>
    public static AdmissionReview Read(JsonDocument document)
    {
        var root = document.RootElement;
        Expect(root, JsonValueKind.Object, "the body");
        return new AdmissionReview
        {
            ApiVersion = String(root, "apiVersion", "apiVersion"),
            Kind = String(root, "kind", "kind"),
            Request = root.TryGetProperty("request", out var request) && request.ValueKind != JsonValueKind.Null ? ReadRequest(request) : null,
        };
    }

    private static AdmissionRequest ReadRequest(JsonElement request)
    {
        Expect(request, JsonValueKind.Object, "request");
        return new AdmissionRequest
        {
            Uid = String(request, "uid", "request.uid"),
            Kind = Kind(request, KindPaths),
            Resource = Resource(request, ResourcePaths),
            SubResource = String(request, "subResource", "request.subResource"),
            RequestKind = Kind(request, RequestKindPaths),
            RequestResource = Resource(request, RequestResourcePaths),
            RequestSubResource = String(request, "requestSubResource", "request.requestSubResource"),
            Name = String(request, "name", "request.name"),
            Namespace = String(request, "namespace", "request.namespace"),
            Operation = String(request, "operation", "request.operation"),
            UserInfo = User(request),
            Object = Element(request, "object"),
            OldObject = Element(request, "oldObject"),
            DryRun = Boolean(request, "dryRun", "request.dryRun"),
            Options = Element(request, "options"),
        };
    }

    // The field paths, for messages, are spelled once here rather than per review.
    private static readonly MemberPaths KindPaths = new("kind");
    private static readonly MemberPaths RequestKindPaths = new("requestKind");
    private static readonly MemberPaths ResourcePaths = new("resource");
    private static readonly MemberPaths RequestResourcePaths = new("requestResource");

    private static GroupVersionKind? Kind(JsonElement request, MemberPaths paths)
    {
        if (Member(request, paths.Name, paths.Self, JsonValueKind.Object) is not { } kind)
        {
            return null;
        }
        return KindOf(String(kind, "group", paths.Group), String(kind, "version", paths.Version), String(kind, "kind", paths.Kind));
    }

    /// <summary>The shared instance of a reviewed kind; a new record for any other.</summary>
    internal static GroupVersionKind KindOf(string? group, string? version, string? name)
    {
        foreach (var known in KnownKinds)
        {
            if (known.Group == group && known.Version == version && known.Kind == name)
            {
                return known;
            }
        }
        return new GroupVersionKind(group, version, name);
    }

    private static GroupVersionResource? Resource(JsonElement request, MemberPaths paths)
    {
        if (Member(request, paths.Name, paths.Self, JsonValueKind.Object) is not { } resource)
        {
            return null;
        }
        return ResourceOf(String(resource, "group", paths.Group), String(resource, "version", paths.Version), String(resource, "resource", paths.Resource));
    }

    /// <summary>The shared instance of a reviewed resource; a new record for any other.</summary>
    internal static GroupVersionResource ResourceOf(string? group, string? version, string? name)
    {
        foreach (var known in KnownResources)
        {
            if (known.Group == group && known.Version == version && known.Resource == name)
            {
                return known;
            }
        }
        return new GroupVersionResource(group, version, name);
    }

    // The reviewed kinds and resources as every review names them (kind and requestKind alike): one instance each.
    private static readonly GroupVersionKind[] KnownKinds =
    [
        new(VirtualMachine.Descriptor.Group, VirtualMachine.Descriptor.Version, VirtualMachine.Descriptor.Kind),
        new(NetworkAttachmentDefinition.Descriptor.Group, NetworkAttachmentDefinition.Descriptor.Version, NetworkAttachmentDefinition.Descriptor.Kind),
        new(Subnet.Descriptor.Group, Subnet.Descriptor.Version, Subnet.Descriptor.Kind),
    ];

    private static readonly GroupVersionResource[] KnownResources =
    [
        new(VirtualMachine.Descriptor.Group, VirtualMachine.Descriptor.Version, VirtualMachine.Descriptor.Plural),
        new(NetworkAttachmentDefinition.Descriptor.Group, NetworkAttachmentDefinition.Descriptor.Version, NetworkAttachmentDefinition.Descriptor.Plural),
        new(Subnet.Descriptor.Group, Subnet.Descriptor.Version, Subnet.Descriptor.Plural),
    ];

    /// <summary>A kind or resource stanza's member and the paths of its fields.</summary>
    private sealed record MemberPaths(string Name)
    {
        public string Self { get; } = $"request.{Name}";
        public string Group { get; } = $"request.{Name}.group";
        public string Version { get; } = $"request.{Name}.version";
        public string Kind { get; } = $"request.{Name}.kind";
        public string Resource { get; } = $"request.{Name}.resource";
    }

    private static UserInfo? User(JsonElement request)
    {
        if (Member(request, "userInfo", "request.userInfo", JsonValueKind.Object) is not { } user)
        {
            return null;
        }
        Dictionary<string, IReadOnlyList<string>>? extra = null;
        if (Member(user, "extra", "request.userInfo.extra", JsonValueKind.Object) is { } extraElement)
        {
            extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var index = 0;
            foreach (var entry in extraElement.EnumerateObject())
            {
                // The key is named by position: its text may be what is broken.
                var path = $"request.userInfo.extra[{index++}]";
                string key;
                try
                {
                    key = entry.Name;
                }
                catch (InvalidOperationException)
                {
                    throw new JsonException($"{path} has a key that is not valid text (it escapes a lone UTF-16 surrogate)");
                }
                extra[key] = Strings(entry.Value, path) ?? [];
            }
        }
        return new UserInfo
        {
            Username = String(user, "username", "request.userInfo.username"),
            Uid = String(user, "uid", "request.userInfo.uid"),
            Groups = Member(user, "groups", "request.userInfo.groups", JsonValueKind.Array) is { } groups ? Strings(groups, "request.userInfo.groups") : null,
            Extra = extra,
        };
    }

    private static JsonElement? Element(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement parent, string name, string path) =>
        Member(parent, name, path, JsonValueKind.String) is { } value ? Text(value, path) : null;

    /// <summary>A string's text; an escape that is no UTF-16 text (a lone surrogate, <c>\ud800</c>) is the client's fault.</summary>
    private static string Text(JsonElement value, string path)
    {
        // The raw text is the string between its quotes as written; no known string has an escape, so one written
        // with escapes is simply not matched and decoded below.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && Known.TryGet(raw[1..^1], out var known))
        {
            return known;
        }
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"{path} is not valid text (it escapes a lone UTF-16 surrogate)");
        }
    }

    private static bool? Boolean(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new JsonException($"{path} must be true or false, not a JSON {Describe(value.ValueKind)}"),
        };
    }

    private static string[]? Strings(JsonElement array, string path)
    {
        Expect(array, JsonValueKind.Array, path);
        var result = new string[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            Expect(item, JsonValueKind.String, $"{path}[{i}]");
            result[i] = Text(item, $"{path}[{i}]");
            i++;
        }
        return result;
    }

    /// <summary>The member when present and not null; throws when it has another JSON type.</summary>
    private static JsonElement? Member(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        Expect(value, kind, path);
        return value;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind)
        {
            throw new JsonException($"{path} must be a JSON {Describe(kind)}, not a JSON {Describe(value.ValueKind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

namespace AdmissionWebhook.Patching;

/// <summary>How <see cref="JsonText"/> escapes the strings it encodes (raw tokens are never re-escaped).</summary>
public enum JsonEscaping
{
    /// <summary>
    /// Only what JSON requires (<c>\"</c>, <c>\\</c>, control characters) plus U+2028 and U+2029; <c>&lt;</c>,
    /// <c>&gt;</c>, <c>&amp;</c> and non-ASCII text stay as they are. Go's encoding/json decodes it to the same string.
    /// </summary>
    Readable,

    /// <summary>
    /// Strings exactly as Go's encoding/json writes them (and so as kube-apiserver sends them): also <c>\u003c</c>,
    /// <c>\u003e</c>, <c>\u0026</c>, and every control character other than <c>\n</c>, <c>\r</c>, <c>\t</c> as
    /// <c>\u00XX</c> (Go 1.22 and later write <c>\b</c> and <c>\f</c> instead; both decode the same). Member order is
    /// kept (Go sorts map keys, which no text comparison depends on), and numbers built in code use .NET's format.
    /// </summary>
    Go,
}

using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using FluentValidation;

namespace AdmissionWebhook.Rules;

/// <summary>
/// Makes FluentValidation report Kubernetes field paths (<c>spec.template.spec.networks[1]</c>) instead of C#
/// member chains: each member contributes its <see cref="FieldPathAttribute"/> or <see cref="JsonPropertyNameAttribute"/>.
/// Installed once, before any validator is built; no test changes it.
/// </summary>
public static class FieldPathResolver
{
#pragma warning disable CA2255 // A module initializer is exactly the "once, before any validator" hook needed here.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => ValidatorOptions.Global.PropertyNameResolver = Resolve;

    public static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        if (expression is not null)
        {
            var segments = new List<string>();
            var current = expression.Body;
            while (current is MemberExpression access)
            {
                segments.Add(NameOf(access.Member));
                current = access.Expression;
            }
            if (segments.Count > 0)
            {
                segments.Reverse();
                return string.Join('.', segments);
            }
        }
        return member is null ? null : NameOf(member);
    }

    private static string NameOf(MemberInfo member) =>
        member.GetCustomAttribute<FieldPathAttribute>()?.Path
        ?? member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy(member.Name);

    private static string JsonNamingPolicy(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    /// <summary>Appends a member to a field path (<c>interfaces[1]</c> + <c>state</c>).</summary>
    public static string Child(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    /// <summary>Appends an index to a field path.</summary>
    public static string Index(string path, int index) => $"{path}[{index}]";
}

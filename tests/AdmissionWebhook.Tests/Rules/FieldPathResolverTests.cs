using System.Linq.Expressions;
using System.Text.Json.Serialization;
using AdmissionWebhook.Rules;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// The field paths FluentValidation reports come from <see cref="FieldPathResolver"/>: a member chain becomes the
/// Kubernetes path, each member named by its <see cref="FieldPathAttribute"/>, else its JSON name, else camelCase.
/// The VM, NAD and Subnet rules only use one-member chains; these cases pin the rest of the contract.
/// </summary>
public sealed class FieldPathResolverTests
{
    private sealed class Outer
    {
        [JsonPropertyName("spec")]
        public Inner Specification { get; } = new();

        [FieldPath("status.conditions")]
        public IReadOnlyList<string> Conditions { get; } = [];

        public int PlainCount { get; }
    }

    private sealed class Inner
    {
        public string CidrBlock { get; } = string.Empty;
    }

    private static string? Resolve<TValue>(Expression<Func<Outer, TValue>> expression, string? member = null) =>
        FieldPathResolver.Resolve(typeof(Outer), member is null ? null : typeof(Outer).GetProperty(member), expression);

    [Fact]
    public void A_member_chain_joins_the_json_names_of_its_members_outermost_first()
    {
        Assert.Equal("spec.cidrBlock", Resolve(outer => outer.Specification.CidrBlock));
    }

    [Fact]
    public void A_field_path_attribute_names_its_member_before_any_json_name()
    {
        Assert.Equal("status.conditions", Resolve(outer => outer.Conditions));
    }

    [Fact]
    public void A_member_without_attributes_is_named_in_camel_case()
    {
        Assert.Equal("plainCount", Resolve(outer => outer.PlainCount));
    }

    [Fact]
    public void A_rule_on_the_whole_object_takes_the_name_of_the_member_it_is_given_or_none()
    {
        Assert.Equal("plainCount", Resolve(outer => outer, nameof(Outer.PlainCount)));
        Assert.Equal("spec", Resolve(outer => outer, nameof(Outer.Specification)));
        Assert.Null(Resolve(outer => outer));
        Assert.Null(FieldPathResolver.Resolve(typeof(Outer), null, null));
    }

    [Fact]
    public void Child_and_index_extend_a_path_and_a_child_of_the_root_is_the_member_alone()
    {
        Assert.Equal("state", FieldPathResolver.Child(string.Empty, "state"));
        Assert.Equal("interfaces[1].state", FieldPathResolver.Child(FieldPathResolver.Index("interfaces", 1), "state"));
    }
}

using System.Text.RegularExpressions;
using AdmissionWebhook.Rules;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// Every rendered webhook skips the cluster's own controllers with a CEL matchCondition that names exactly the
/// default <c>Webhook:SystemUsers</c>, so the configuration and the code never drift apart (docs/rules.md "System actors").
/// </summary>
public sealed partial class SystemActorConditionTests
{
    public static TheoryData<string> Overlays => [.. Manifests.OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_webhook_skips_exactly_the_default_system_users(string overlay)
    {
        var manifests = Manifests.Overlay(overlay);
        var conditions = manifests.Validating.Webhooks.Select(h => (h.Name, h.MatchConditions))
            .Concat(manifests.Mutating.Webhooks.Select(h => (h.Name, h.MatchConditions)))
            .ToList();

        Assert.Equal(6, conditions.Count);
        foreach (var (name, matchConditions) in conditions)
        {
            var condition = Assert.Single(matchConditions ?? []);
            Assert.Equal(DefaultSystemUsers(), UsersSkippedBy(condition));
            Assert.False(string.IsNullOrEmpty(condition.Name), name);
        }
    }

    [Fact]
    public void The_condition_reader_sees_every_quoted_user_and_refuses_other_shapes()
    {
        var condition = new V1MatchCondition { Name = "x", Expression = "!(request.userInfo.username in ['a', 'b:c'])" };
        Assert.Equal(["a", "b:c"], UsersSkippedBy(condition));
        Assert.Throws<Xunit.Sdk.MatchesException>(() => UsersSkippedBy(new V1MatchCondition { Name = "x", Expression = "request.userInfo.username in ['a']" }));
    }

    private static string[] DefaultSystemUsers() => [.. AdmissionPolicy.DefaultSystemUsers.Order(StringComparer.Ordinal)];

    /// <summary>The users a condition of the form <c>!(request.userInfo.username in [...])</c> skips, sorted.</summary>
    private static string[] UsersSkippedBy(V1MatchCondition condition)
    {
        var expression = Regex.Replace(condition.Expression, @"\s+", " ").Trim();
        Assert.Matches(@"^!\(request\.userInfo\.username in \[('[^']+'(, ?)?)+\]\)$", expression);
        return [.. QuotedString().Matches(expression).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedString();
}

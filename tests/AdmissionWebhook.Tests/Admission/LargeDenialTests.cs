using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>
/// A review with thousands of failures or warnings: the message names every rule that failed within its ten, the
/// causes keep every failure, and the warnings are those kube-apiserver would pass on (deduplicated, 4096 runes).
/// </summary>
public sealed class LargeDenialTests
{
    [Fact]
    public void The_message_names_every_failing_rule_before_more_failures_of_one_rule()
    {
        var failures = Enumerable.Range(0, 6_000).Select(i => new RuleFailure("VmA", $"interfaces[{i}]", "bad"))
            .Append(new RuleFailure("VmB", "spec.b", "also bad"))
            .ToList();

        var message = AdmissionResponses.FormatDenialMessage(failures);

        var expected = string.Join("; ", Enumerable.Range(0, 9).Select(i => $"VmA: interfaces[{i}]: bad"))
            + "; VmB: spec.b: also bad; and 5991 more";
        Assert.Equal(expected, message);
    }

    [Fact]
    public void With_more_rules_than_room_the_first_ten_rules_are_named_in_order()
    {
        var failures = Enumerable.Range(0, 12).SelectMany(r => Enumerable.Range(0, 3).Select(i => new RuleFailure($"Vm{r:D2}", $"f{i}", "m"))).ToList();

        var message = AdmissionResponses.FormatDenialMessage(failures);

        Assert.Equal(string.Join("; ", Enumerable.Range(0, 10).Select(r => $"Vm{r:D2}: f0: m")) + "; and 26 more", message);
    }

    [Fact]
    public void Every_failure_stays_in_the_causes()
    {
        var failures = Enumerable.Range(0, 6_000).Select(i => new RuleFailure("VmA", $"interfaces[{i}]", "bad")).ToList();
        var request = new AdmissionRequest { Uid = "u-1", Name = "vm" };

        var response = AdmissionResponses.From(request, new AdmissionDecision.Deny(failures, []));

        Assert.Equal(6_000, response.Status!.Details!.Causes!.Count);
        Assert.EndsWith("; and 5990 more", response.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decision_names_each_code_once_in_order_of_first_appearance()
    {
        var failures = Enumerable.Range(0, 6_000).Select(i => new RuleFailure("VmA", $"interfaces[{i}]", "bad"))
            .Append(new RuleFailure("VmB", "spec.b", "also bad"))
            .ToList();

        var decision = new AdmissionDecision.Deny(failures, [new RuleFailure("VmW", "f", "w"), new RuleFailure("VmA", "g", "w")]);

        Assert.Equal(["VmA", "VmB", "VmW"], decision.Codes);
    }

    [Fact]
    public void Warnings_are_those_the_API_server_passes_on_deduplicated_within_4096_runes()
    {
        var warnings = Enumerable.Range(0, 6_000)
            .Select(i => new RuleFailure("VmW", $"interfaces[{i}]", $"interface \"nic{i:D5}\" looks odd: check it"))
            .Prepend(new RuleFailure("VmW", "f", "interface \"nic00000\" looks odd: check it"))
            .ToList();

        var formatted = AdmissionResponses.FormatWarnings(warnings)!;

        Assert.Equal(formatted.Distinct().Count(), formatted.Count);
        Assert.Equal("VmW: interface \"nic00000\" looks odd: check it", formatted[0]);
        Assert.Equal("VmW: interface \"nic00001\" looks odd: check it", formatted[1]);
        var runes = formatted.Sum(w => w.EnumerateRunes().Count());
        // Up to and including the warning that reaches the budget, as the API server's recorder keeps them.
        Assert.True(runes >= AdmissionResponses.MaxWarningRunesTotal, $"{runes} runes");
        Assert.True(runes - formatted[^1].Length < AdmissionResponses.MaxWarningRunesTotal, $"{runes} runes");
        // Every formatted warning here has 45 runes: the count is the budget divided by 45, rounded up.
        Assert.Equal((AdmissionResponses.MaxWarningRunesTotal + 44) / 45, formatted.Count);
    }

    [Fact]
    public void Few_warnings_are_all_sent()
    {
        var warnings = new[] { new RuleFailure("VmW", "a", "one"), new RuleFailure("VmV", "b", "two") };

        Assert.Equal(["VmW: one", "VmV: two"], AdmissionResponses.FormatWarnings(warnings)!);
    }
}

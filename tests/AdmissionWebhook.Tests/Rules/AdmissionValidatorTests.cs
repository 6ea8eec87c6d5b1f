using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.NetworkAttachmentDefinitions;
using AdmissionWebhook.Rules.Subnets;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;
using FluentValidation;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// How a resource's validator runs its concerns: one rule per concern and rule set (so FluentValidation's accessor,
/// interpreted under Native AOT, runs once per concern), a concern skipped when the operation selects none of its rules,
/// and the same failures in the same order as running every concern alone.
/// </summary>
public sealed class AdmissionValidatorTests
{
    [Fact]
    public void Each_concern_declares_one_rule_per_rule_set()
    {
        var concerns = Enumerable.Empty<IEnumerable<IValidationRule>>()
            .Concat(new VirtualMachineValidator(SeedCluster, SeedCluster).Concerns)
            .Concat(new NadValidator(SeedCluster).Concerns)
            .Concat(new SubnetValidator(SeedCluster, SeedCluster).Concerns)
            .ToList();

        Assert.Equal(10 + 3 + 6, concerns.Count);
        foreach (var concern in concerns)
        {
            var perRuleSet = concern.GroupBy(rule => string.Join(",", rule.RuleSets ?? []));
            Assert.All(perRuleSet, group => Assert.True(group.Count() == 1,
                $"{concern.GetType().Name} declares {group.Count()} rules in rule set \"{group.Key}\": chain its checks as components of one rule"));
        }
    }

    [Fact]
    public void Every_concern_runs_its_checks_directly_for_every_operation()
    {
        var vm = new VirtualMachineValidator(SeedCluster, SeedCluster);
        var subnet = new SubnetValidator(SeedCluster, SeedCluster);
        var nad = new NadValidator(SeedCluster);

        foreach (var operation in Enum.GetValues<AdmissionOperation>())
        {
            Assert.All(vm.RunsFor(operation), run => Assert.True(run.IsDirect));
            Assert.All(subnet.RunsFor(operation), run => Assert.True(run.IsDirect));
            Assert.All(nad.RunsFor(operation), run => Assert.True(run.IsDirect));
        }
        Assert.Equal(10, vm.RunsFor(AdmissionOperation.Update).Count);
        Assert.Equal(8, vm.RunsFor(AdmissionOperation.Create).Count);
        Assert.Empty(vm.RunsFor(AdmissionOperation.Delete));
        Assert.Equal(3, nad.RunsFor(AdmissionOperation.Update).Count);
        Assert.Single(nad.RunsFor(AdmissionOperation.Delete));
    }

    [Fact]
    public async Task Reports_on_generated_vm_edits_what_fluent_validation_running_every_concern_reports()
    {
        var direct = Harness();
        var oracle = new RuleHarness<VirtualMachine>(
            new ThroughFluentValidation<VirtualMachine>(new VirtualMachineValidator(SeedCluster, SeedCluster)), new VirtualMachineMutator(SeedCluster));
        var compared = 0;

        await VmEditGenerator.Edits.SampleAsync(async edit =>
        {
            foreach (var request in new[] { Update(edit.Old, edit.Current, edit.User), Create(edit.Current, edit.User) })
            {
                Assert.Equal(Failures(await oracle.ValidateAsync(request)), Failures(await direct.ValidateAsync(request)));
                compared++;
            }
        }, iter: 300, threads: 1);

        Assert.Equal(600, compared);
    }

    [Fact]
    public void A_rule_over_a_member_or_with_a_condition_runs_through_fluent_validation()
    {
        var validator = new MemberComposite();

        var result = validator.Validate(OperationRuleSelector.ContextFor("subject", AdmissionOperation.Create));

        Assert.All(validator.RunsFor(AdmissionOperation.Create), run => Assert.False(run.IsDirect));
        Assert.Equal(["length 7", "Length"], result.Errors.Select(e => e.ErrorMessage == "x" ? e.PropertyName : e.ErrorMessage));
    }

    [Fact]
    public void A_check_that_answers_false_is_refused_rather_than_dropped()
    {
        var validator = new MustComposite();

        var refusal = Assert.Throws<InvalidOperationException>(() => validator.Validate(OperationRuleSelector.ContextFor("subject", AdmissionOperation.Create)));
        Assert.Contains("report failures through context.Report", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AdmissionOperation.Create, new[] { "static" }, new[] { "Static" })]
    [InlineData(AdmissionOperation.Update, new[] { "static", "update", "update again" }, new[] { "Static", "Update" })]
    [InlineData(AdmissionOperation.Delete, new[] { "delete" }, new[] { "Delete" })]
    [InlineData(AdmissionOperation.Connect, new[] { "static" }, new[] { "Static" })]
    public void Runs_only_the_concerns_the_operation_selects_rules_of(AdmissionOperation operation, string[] failures, string[] concernsRun)
    {
        var validator = new Composite();

        var result = validator.Validate(OperationRuleSelector.ContextFor("subject", operation));

        Assert.Equal(failures, result.Errors.Select(e => e.PropertyName));
        Assert.Equal(concernsRun, validator.Probes.Where(p => p.Runs > 0).Select(p => p.Name));
    }

    [Fact]
    public void Reports_what_running_every_concern_alone_reports_in_the_same_order()
    {
        foreach (var operation in Enum.GetValues<AdmissionOperation>())
        {
            var composite = new Composite().Validate(OperationRuleSelector.ContextFor("subject", operation));
            var alone = new Composite().Probes
                .SelectMany(p => p.Validate(OperationRuleSelector.ContextFor("subject", operation)).Errors);

            Assert.Equal(alone.Select(e => e.PropertyName), composite.Errors.Select(e => e.PropertyName));
        }
    }

    [Fact]
    public async Task One_validator_serves_concurrent_reviews_as_it_serves_one()
    {
        // The validator is a singleton: what it builds once (its rules, the concerns per operation) is only read.
        var harness = Harness();
        var request = Update(Seed(), Vm(
            [DefaultIface, Bridge("dyniface1"), """{"name": "second", "masquerade": {}, "model": "e1000"}"""],
            [DefaultNet, Multus("dyniface1", "nosuchnad"), Multus("second", "attachnet")]));
        var expected = Failures(await harness.ValidateAsync(request));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var seen = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                seen.Add(Failures(await harness.ValidateAsync(request)));
            }
            return seen;
        }, TestContext.Current.CancellationToken)));

        Assert.Contains("VmHotplugNadMissing", expected, StringComparison.Ordinal);
        Assert.All(concurrent.SelectMany(s => s), seen => Assert.Equal(expected, seen));
    }

    private static string Failures(AdmissionDecision decision) => decision switch
    {
        AdmissionDecision.Deny deny => string.Join("\n", deny.Failures.Concat(deny.Warnings).Select(f => $"{f.Code} {f.Field} {f.Message}")),
        AdmissionDecision.Allow allow => string.Join("\n", allow.Warnings.Select(f => $"{f.Code} {f.Field} {f.Message}")),
        _ => decision.ToString(),
    };

    /// <summary>Runs the validator's concerns each through FluentValidation's own <c>Validate</c> (the oracle).</summary>
    private sealed class ThroughFluentValidation<T>(AdmissionValidator<T> inner) : AbstractValidator<T>
    {
        public override FluentValidation.Results.ValidationResult Validate(ValidationContext<T> context) => inner.ValidateThroughFluentValidation(context);

        public override Task<FluentValidation.Results.ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default) =>
            Task.FromResult(inner.ValidateThroughFluentValidation(context));
    }

    private sealed class MemberComposite() : AdmissionValidator<string>(new MemberProbe(), new ConditionProbe());

    private sealed class MemberProbe : AbstractValidator<string>
    {
        public MemberProbe()
        {
            RuleFor(s => s.Length).Custom((length, context) => context.AddFailure($"length {length}"));
        }
    }

    private sealed class ConditionProbe : AbstractValidator<string>
    {
        public ConditionProbe()
        {
            RuleFor(s => s).Custom((_, context) => context.AddFailure("never", "x")).When(s => s.Length == 0);
            RuleFor(s => s).Custom((_, context) => context.AddFailure("Length", "x")).When(s => s.Length > 0);
        }
    }

    private sealed class MustComposite() : AdmissionValidator<string>(new MustProbe());

    private sealed class MustProbe : AbstractValidator<string>
    {
        public MustProbe()
        {
            RuleFor(s => s).Must(_ => false);
        }
    }

    private sealed class Composite : AdmissionValidator<string>
    {
        public Composite()
            : this([new Probe("Static", null, "static"), new Probe("Update", RuleSets.Update, "update", "update again"), new Probe("Delete", RuleSets.Delete, "delete")])
        {
        }

        private Composite(Probe[] probes)
            : base(probes)
        {
            Probes = probes;
        }

        public IReadOnlyList<Probe> Probes { get; }
    }

    private sealed class Probe : AbstractValidator<string>
    {
        public Probe(string name, string? ruleSet, params string[] failures)
        {
            Name = name;
            void Rules()
            {
                var rule = RuleFor(s => s).Custom((_, context) => Fail(context, failures[0]));
                foreach (var failure in failures.Skip(1))
                {
                    rule = rule.Custom((_, context) => Fail(context, failure));
                }
            }
            if (ruleSet is null)
            {
                Rules();
            }
            else
            {
                RuleSet(ruleSet, Rules);
            }
        }

        public string Name { get; }

        public int Runs { get; private set; }

        private void Fail(ValidationContext<string> context, string failure)
        {
            Runs++;
            context.AddFailure(failure, "x");
        }
    }
}

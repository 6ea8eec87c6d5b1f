using System.Text.RegularExpressions;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Interface names (and the names of networks no interface shares) match <c>^[A-Za-z0-9_-]+$</c> and fit 63
/// characters. A network named like its interface is not reported again. CREATE and UPDATE.
/// </summary>
public sealed partial class InterfaceNameRules : AbstractValidator<VirtualMachine>
{
    public const int MaxLength = 63;

    public InterfaceNameRules()
    {
        // One rule, one Custom component per check: the accessor (interpreted under Native AOT) runs once for all of them.
        RuleFor(vm => vm).Custom((vm, context) =>
        {
            var interfaces = vm.Interfaces;
            for (var i = 0; i < interfaces.Count; i++)
            {
                if (!IsValid(interfaces[i].Name))
                {
                    Report(context, interfaces[i].Name, "interface", VmFieldPaths.Interface(i, "name"));
                }
            }
        })
        .Custom((vm, context) =>
        {
            var networks = vm.Networks;
            for (var i = 0; i < networks.Count; i++)
            {
                var name = networks[i].Name;
                if (IsValid(name) || (!string.IsNullOrEmpty(name) && vm.FindInterface(name) is not null))
                {
                    continue;
                }
                Report(context, name, "network", VmFieldPaths.Network(i, "name"));
            }
        });
    }

    /// <summary>True for a name KubeVirt and this webhook accept.</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name);

    private static void Report(ValidationContext<VirtualMachine> context, string? name, string what, string field)
    {
        var message = string.IsNullOrEmpty(name)
            ? $"{what} has no name: give it a name of letters, digits, '-' or '_'"
            : name.Length > MaxLength
                ? $"{what} name \"{name}\" is {name.Length} characters long: shorten it to at most {MaxLength}"
                : $"{what} name \"{name}\" may contain only letters, digits, '-' and '_': rename it, e.g. \"{Suggest(name)}\"";
        context.Report(VirtualMachineRules.InterfaceNameInvalid, field, message);
    }

    private static string Suggest(string name) => InvalidCharacter().Replace(name, "-");

    // \z as Go's $ (the end of the text): .NET's $ also matches before a final "\n".
    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidCharacter();
}

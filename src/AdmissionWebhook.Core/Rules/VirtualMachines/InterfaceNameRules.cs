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
        RuleForEach(vm => vm.Interfaces).Custom((iface, context) =>
            Check(context, iface.Name, "interface", FieldPathResolver.Child(context.PropertyPath, "name")));

        RuleForEach(vm => vm.Networks).Custom((network, context) =>
        {
            if (!string.IsNullOrEmpty(network.Name) && context.InstanceToValidate.FindInterface(network.Name) is not null)
            {
                return;
            }
            Check(context, network.Name, "network", FieldPathResolver.Child(context.PropertyPath, "name"));
        });
    }

    /// <summary>True for a name KubeVirt and this webhook accept.</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name);

    private static void Check(ValidationContext<VirtualMachine> context, string? name, string what, string field)
    {
        if (IsValid(name))
        {
            return;
        }
        var message = string.IsNullOrEmpty(name)
            ? $"{what} has no name: give it a name of letters, digits, '-' or '_'"
            : name.Length > MaxLength
                ? $"{what} name \"{name}\" is {name.Length} characters long: shorten it to at most {MaxLength}"
                : $"{what} name \"{name}\" may contain only letters, digits, '-' and '_': rename it, e.g. \"{Suggest(name)}\"";
        context.Report(VirtualMachineRules.InterfaceNameInvalid, field, message);
    }

    private static string Suggest(string name) => InvalidCharacter().Replace(name, "-");

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidCharacter();
}

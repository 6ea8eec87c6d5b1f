namespace AdmissionWebhook.Cli;

/// <summary>
/// A small parser for <c>command [--flag] [--option value|--option=value]... [operand]...</c>: options are declared
/// per command, repeatable ones collect every value, <c>--</c> ends options, and a lone <c>-</c> is an operand
/// (standard input). Unknown options are usage errors, so a typo never silently changes a verdict.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments(IReadOnlyList<string> operands) => Operands = operands;

    public IReadOnlyList<string> Operands { get; }

    public bool Help => _flags.Contains("--help");

    /// <param name="args">The words after the command name.</param>
    /// <param name="flags">Options without a value (<c>--help</c> is always one).</param>
    /// <param name="options">Options with a value.</param>
    /// <param name="multiValued">Options that also take every following word that is not an option
    /// (<c>--cluster a.yaml b.yaml</c>).</param>
    public static CliArguments Parse(IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> options, IReadOnlySet<string>? multiValued = null)
    {
        var operands = new List<string>();
        var parsed = new CliArguments(operands);
        var queue = new Queue<string>(args);
        var onlyOperands = false;
        while (queue.TryDequeue(out var arg))
        {
            if (onlyOperands || arg == "-" || !arg.StartsWith('-'))
            {
                operands.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                onlyOperands = true;
                continue;
            }
            var name = arg;
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }
            if (name is "-h" or "--help" or "-?")
            {
                parsed._flags.Add("--help");
                continue;
            }
            if (flags.Contains(name))
            {
                if (inline is not null)
                {
                    throw new CliUsageException($"{name} takes no value");
                }
                parsed._flags.Add(name);
                continue;
            }
            if (!options.Contains(name))
            {
                throw new CliUsageException($"unknown option {name}");
            }
            var values = parsed.ValuesOf(name);
            if (inline is not null)
            {
                values.Add(inline);
            }
            else if (queue.TryPeek(out var next) && (next == "-" || !next.StartsWith('-')))
            {
                values.Add(queue.Dequeue());
            }
            else
            {
                throw new CliUsageException($"{name} needs a value");
            }
            if (multiValued?.Contains(name) == true)
            {
                while (queue.TryPeek(out var more) && (more == "-" || !more.StartsWith('-')))
                {
                    values.Add(queue.Dequeue());
                }
            }
        }
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var values) ? values : [];

    /// <summary>The option's value; a second occurrence is a usage error.</summary>
    public string? Single(string name) => All(name) switch
    {
        [] => null,
        [var one] => one,
        _ => throw new CliUsageException($"{name} is given more than once"),
    };

    private List<string> ValuesOf(string name)
    {
        if (!_values.TryGetValue(name, out var values))
        {
            values = [];
            _values[name] = values;
        }
        return values;
    }
}

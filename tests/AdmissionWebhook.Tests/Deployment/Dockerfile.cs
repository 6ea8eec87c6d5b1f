using System.Text.Json;
using System.Text.RegularExpressions;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>The repository's Dockerfile read into stages of instructions (enough of the syntax for ours).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<Instruction> global, IReadOnlyList<Stage> stages, IReadOnlyList<string> ignorePatterns)
    {
        Global = global;
        Stages = stages;
        IgnorePatterns = ignorePatterns;
    }

    /// <summary>Instructions before the first FROM (global build arguments).</summary>
    public IReadOnlyList<Instruction> Global { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The .dockerignore patterns, in order.</summary>
    public IReadOnlyList<string> IgnorePatterns { get; }

    public static Dockerfile Load()
    {
        var global = new List<Instruction>();
        var stages = new List<Stage>();
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = line[..space].ToUpperInvariant();
            var argument = line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null, []));
            }
            else if (stages.Count == 0)
            {
                global.Add(new Instruction(keyword, argument));
            }
            else
            {
                stages[^1].Instructions.Add(new Instruction(keyword, argument));
            }
        }
        var ignore = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return new Dockerfile(global, stages, ignore);
    }

    public Stage StageNamed(string name) => Assert.Single(Stages, s => s.Name == name);

    /// <summary>The default of a global <c>ARG NAME=default</c>.</summary>
    public string GlobalArgDefault(string name)
    {
        var argument = Assert.Single(Global, i => i.Keyword == "ARG" && i.Argument.StartsWith(name + "=", StringComparison.Ordinal)).Argument;
        return argument[(name.Length + 1)..].Trim('"');
    }

    /// <summary>Whether the build context leaves <paramref name="relativePath"/> out (files; directories end in '/').</summary>
    public bool IsIgnored(string relativePath) =>
        IgnorePatterns.Any(pattern => PatternRegex(pattern).IsMatch(relativePath.Replace('\\', '/')));

    private static Regex PatternRegex(string pattern)
    {
        var directory = pattern.EndsWith('/');
        var body = Regex.Escape(pattern.TrimEnd('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + body + (directory ? "/.*$" : "(/.*)?$"), RegexOptions.CultureInvariant);
    }

    internal sealed record Stage(string Image, string? Name, List<Instruction> Instructions)
    {
        public IEnumerable<string> Arguments(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Argument);

        /// <summary>The exec-form ENTRYPOINT as a list.</summary>
        public IReadOnlyList<string> Entrypoint => JsonSerializer.Deserialize<string[]>(Assert.Single(Arguments("ENTRYPOINT")))!;
    }

    internal sealed record Instruction(string Keyword, string Argument);
}

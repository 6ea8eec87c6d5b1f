using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Cli;

/// <summary>One manifest file (or standard input, "-") as read: its text and the documents in it.</summary>
internal sealed record ManifestInput(string Source, string Text, bool IsJson, IReadOnlyList<ManifestDocument> Documents)
{
    /// <summary>Folders a walk never enters: build output (copies of the manifests) besides hidden folders.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "node_modules" };

    /// <summary>Why the file could not be read; it then has no documents.</summary>
    public ManifestException? Error { get; init; }

    /// <summary>
    /// Reads files, folders (every *.yaml, *.yml and *.json below them, in path order; hidden folders, bin/ and obj/
    /// skipped) and "-" (standard input, once). Errors name the file and line. With <paramref name="keepGoing"/>, a
    /// file that cannot be read is returned with its <see cref="Error"/> instead of stopping the rest.
    /// </summary>
    public static IReadOnlyList<ManifestInput> ReadAll(IEnumerable<string> paths, TextReader stdin, bool keepGoing = false)
    {
        var inputs = ReadEach(paths, stdin);
        if (!keepGoing && inputs.FirstOrDefault(i => i.Error is not null) is { Error: { } error })
        {
            throw error;
        }
        return inputs;
    }

    private static List<ManifestInput> ReadEach(IEnumerable<string> paths, TextReader stdin)
    {
        var inputs = new List<ManifestInput>();
        var stdinRead = false;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                if (stdinRead)
                {
                    throw new CliUsageException("\"-\" (standard input) is given more than once");
                }
                stdinRead = true;
                var text = stdin.ReadToEnd();
                var json = text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[');
                inputs.Add(Parse("-", text, json));
            }
            else if (Directory.Exists(path))
            {
                inputs.AddRange(FilesBelow(path).Select(ReadFile));
            }
            else if (File.Exists(path))
            {
                inputs.Add(ReadFile(path));
            }
            else
            {
                throw new ManifestException(path, null, "no such file or folder");
            }
        }
        return inputs;
    }

    private static ManifestInput ReadFile(string path)
    {
        var json = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ManifestInput(path, string.Empty, json, []) { Error = new ManifestException(path, null, e.Message, e) };
        }
        return Parse(path, text, json);
    }

    private static ManifestInput Parse(string source, string text, bool json)
    {
        try
        {
            return new ManifestInput(source, text, json, ManifestReader.ReadText(text, source, json));
        }
        catch (ManifestException e)
        {
            return new ManifestInput(source, text, json, []) { Error = e };
        }
    }

    private static IEnumerable<string> FilesBelow(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(ManifestReader.IsManifestFile)
            .Where(file => !Path.GetDirectoryName(Path.GetRelativePath(directory, file))!.Split(Path.DirectorySeparatorChar)
                .Any(folder => folder.StartsWith('.') || SkippedFolders.Contains(folder)))
            .Order(StringComparer.Ordinal);
}

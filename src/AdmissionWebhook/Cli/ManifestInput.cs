using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Cli;

/// <summary>One manifest file (or standard input, "-") as read: its text and the documents in it.</summary>
internal sealed record ManifestInput(string Source, string Text, bool IsJson, IReadOnlyList<ManifestDocument> Documents)
{
    /// <summary>
    /// Reads files, folders (every *.yaml, *.yml and *.json below them, hidden folders skipped, in path order) and
    /// "-" (standard input, once). Errors name the file and line.
    /// </summary>
    public static IReadOnlyList<ManifestInput> ReadAll(IEnumerable<string> paths, TextReader stdin)
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
                inputs.Add(new ManifestInput("-", text, json, ManifestReader.ReadText(text, "-", json)));
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
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException(path, null, e.Message, e);
        }
        var json = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
        return new ManifestInput(path, text, json, ManifestReader.ReadText(text, path, json));
    }

    private static IEnumerable<string> FilesBelow(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(ManifestReader.IsManifestFile)
            .Where(file => !Path.GetRelativePath(directory, file).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal);
}

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>Locates the repository and the acceptance vectors it carries (tests/AdmissionWebhook.Tests/Vectors/cases).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Vectors => Path.Combine(Root, "tests", "AdmissionWebhook.Tests", "Vectors", "cases");

    public static string Examples => Path.Combine(Root, "deploy", "examples");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AdmissionWebhook.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("AdmissionWebhook.sln not found above " + AppContext.BaseDirectory);
    }
}

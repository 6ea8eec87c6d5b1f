using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>
/// certs/mint.sh run into a temporary folder (never into the repository), with the service name and namespace the
/// rendered manifests use unless told otherwise.
/// </summary>
internal sealed class MintedCertificates : IDisposable
{
    private MintedCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.crt");

    public string CertPath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    public static string Script => Path.Combine(RepositoryPaths.Root, "certs", "mint.sh");

    /// <summary>Mints a CA and a serving certificate, passing the script's defaults explicitly only when given.</summary>
    public static MintedCertificates Mint(params string[] arguments)
    {
        var minted = new MintedCertificates(System.IO.Directory.CreateTempSubdirectory("webhook-certs-").FullName);
        var (exitCode, _, error) = minted.Run(arguments);
        Assert.True(exitCode == 0, $"certs/mint.sh failed ({exitCode}): {error}");
        return minted;
    }

    /// <summary>Runs the script against this output folder.</summary>
    public (int ExitCode, string Output, string Error) Run(params string[] arguments) =>
        ProcessRunner.Run("bash", RepositoryPaths.Root, [Script, "--out", Directory, .. arguments]);

    public X509Certificate2 Ca() => X509CertificateLoader.LoadCertificateFromFile(CaPath);

    public X509Certificate2 Serving() => X509CertificateLoader.LoadCertificateFromFile(CertPath);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

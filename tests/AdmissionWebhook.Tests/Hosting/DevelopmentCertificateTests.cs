using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Certificates;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Hosting;

/// <summary>
/// The development CA is kept while valid, so a second instance (or a restart) does not break <c>curl --cacert</c>
/// against the first: every start mints a new leaf from the same CA.
/// </summary>
public sealed class DevelopmentCertificateTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("dev-ca-");

    private string CaPath => Path.Combine(_scratch.FullName, "nested", "dev-ca.crt");

    [Fact]
    public void Second_start_reuses_the_ca_and_both_leaves_chain_to_the_file()
    {
        var first = new DevelopmentCertificate(CaPath);
        var caText = File.ReadAllText(CaPath);

        var second = new DevelopmentCertificate(CaPath);

        Assert.False(first.ReusedCa);
        Assert.True(second.ReusedCa);
        Assert.Equal(caText, File.ReadAllText(CaPath));
        Assert.NotEqual(first.Current.SerialNumber, second.Current.SerialNumber);
        using var ca = X509Certificate2.CreateFromPem(caText);
        Assert.True(TestPki.ChainsTo(first.Current, ca), "the first instance's leaf no longer chains to the CA file");
        Assert.True(TestPki.ChainsTo(second.Current, ca), "the second instance's leaf does not chain to the CA file");
    }

    [Fact]
    public void The_ca_key_is_readable_by_its_owner_only()
    {
        _ = new DevelopmentCertificate(CaPath);

        var key = DevelopmentCertificate.KeyPathFor(CaPath);
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public void A_ca_whose_key_does_not_match_is_replaced()
    {
        _ = new DevelopmentCertificate(CaPath);
        var otherFolder = Path.Combine(_scratch.FullName, "other", "dev-ca.crt");
        _ = new DevelopmentCertificate(otherFolder);
        File.Copy(DevelopmentCertificate.KeyPathFor(otherFolder), DevelopmentCertificate.KeyPathFor(CaPath), overwrite: true);
        var before = File.ReadAllText(CaPath);

        var replaced = new DevelopmentCertificate(CaPath);

        Assert.False(replaced.ReusedCa);
        Assert.NotEqual(before, File.ReadAllText(CaPath));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(CaPath));
        Assert.True(TestPki.ChainsTo(replaced.Current, ca));
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}

using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Tests.TestSupport;
using k8s.Models;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>certs/mint.sh: what it mints, the manifests it writes for the self-signed overlay, and leaf rotation.</summary>
public sealed class CertificateScriptTests
{
    [Fact]
    public void Mints_a_ca_and_a_serving_certificate_for_the_rendered_service()
    {
        using var minted = MintedCertificates.Mint();
        var manifests = Manifests.Overlay("self-signed");
        using var ca = minted.Ca();
        using var serving = minted.Serving();

        Assert.True(Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        Assert.False(Assert.Single(serving.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        Assert.Equal(
            [manifests.ServiceDnsName, manifests.ServiceDnsName + ".cluster.local"],
            Assert.Single(serving.Extensions.OfType<X509SubjectAlternativeNameExtension>()).EnumerateDnsNames());
        Assert.Contains(Assert.Single(serving.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(TestPki.ChainsTo(serving, ca));
        Assert.True(ca.NotAfter > serving.NotAfter.AddYears(5));
    }

    [Fact]
    public void Names_the_service_and_namespace_it_is_given()
    {
        using var minted = MintedCertificates.Mint("--namespace", "hooks", "--service", "nic-guard");
        using var serving = minted.Serving();
        Assert.Equal(
            ["nic-guard.hooks.svc", "nic-guard.hooks.svc.cluster.local"],
            Assert.Single(serving.Extensions.OfType<X509SubjectAlternativeNameExtension>()).EnumerateDnsNames());
        var secret = Manifests.Parse(File.ReadAllText(Path.Combine(minted.Directory, "tls-secret.yaml"))).Single<V1Secret>();
        Assert.Equal("hooks", secret.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Writes_the_secret_the_deployment_mounts()
    {
        using var minted = MintedCertificates.Mint();
        var manifests = Manifests.Overlay("self-signed");
        var secret = Manifests.Parse(File.ReadAllText(Path.Combine(minted.Directory, "tls-secret.yaml"))).Single<V1Secret>();
        Assert.Equal(manifests.TlsSecretName, secret.Metadata.Name);
        Assert.Equal(manifests.Deployment.Metadata.NamespaceProperty, secret.Metadata.NamespaceProperty);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(File.ReadAllBytes(minted.CertPath), secret.Data["tls.crt"]);
        Assert.Equal(File.ReadAllBytes(minted.KeyPath), secret.Data["tls.key"]);
    }

    [Fact]
    public void Its_kustomization_replaces_the_placeholder_and_fills_every_ca_bundle()
    {
        using var minted = MintedCertificates.Mint();
        var rendered = Manifests.Parse(Kustomize.Render(minted.Directory));
        var caBytes = File.ReadAllBytes(minted.CaPath);
        var bundles = rendered.Validating.Webhooks.Select(h => h.ClientConfig.CaBundle)
            .Concat(rendered.Mutating.Webhooks.Select(h => h.ClientConfig.CaBundle)).ToList();
        Assert.Equal(6, bundles.Count);
        Assert.All(bundles, bundle => Assert.Equal(caBytes, bundle));

        var secret = rendered.Single<V1Secret>();
        Assert.Equal(rendered.TlsSecretName, secret.Metadata.Name);
        Assert.Equal(File.ReadAllBytes(minted.CertPath), secret.Data["tls.crt"]);
        Assert.Equal(File.ReadAllBytes(minted.KeyPath), secret.Data["tls.key"]);
        Assert.True(secret.Metadata.Annotations is null || !secret.Metadata.Annotations.ContainsKey("admission-webhook.io/placeholder"));
        // The CA travels only as caBundle: the local-config ConfigMap it is read from is not rendered.
        Assert.Empty(rendered.All<V1ConfigMap>());
        var source = Manifests.Parse(File.ReadAllText(Path.Combine(minted.Directory, "ca-bundle.yaml"))).Single<V1ConfigMap>();
        Assert.Equal("true", source.Metadata.Annotations["config.kubernetes.io/local-config"]);
        Assert.Equal(Convert.ToBase64String(caBytes), source.Data["caBundle"]);
        Assert.Equal(Manifests.Overlay("self-signed").Objects.Count, rendered.Objects.Count);
    }

    [Fact]
    public void Rotating_the_leaf_keeps_the_ca_and_the_ca_bundle()
    {
        using var minted = MintedCertificates.Mint();
        var caBefore = File.ReadAllBytes(minted.CaPath);
        var caKeyBefore = File.ReadAllBytes(Path.Combine(minted.Directory, "ca.key"));
        var bundleBefore = File.ReadAllText(Path.Combine(minted.Directory, "ca-bundle.yaml"));
        var leafBefore = File.ReadAllBytes(minted.CertPath);
        var keyBefore = File.ReadAllBytes(minted.KeyPath);

        var (exitCode, _, error) = minted.Run("--rotate-leaf");

        Assert.True(exitCode == 0, error);
        Assert.Equal(caBefore, File.ReadAllBytes(minted.CaPath));
        Assert.Equal(caKeyBefore, File.ReadAllBytes(Path.Combine(minted.Directory, "ca.key")));
        Assert.Equal(bundleBefore, File.ReadAllText(Path.Combine(minted.Directory, "ca-bundle.yaml")));
        Assert.NotEqual(leafBefore, File.ReadAllBytes(minted.CertPath));
        Assert.NotEqual(keyBefore, File.ReadAllBytes(minted.KeyPath));
        using var ca = minted.Ca();
        using var serving = minted.Serving();
        Assert.True(TestPki.ChainsTo(serving, ca));
        var secret = Manifests.Parse(File.ReadAllText(Path.Combine(minted.Directory, "tls-secret.yaml"))).Single<V1Secret>();
        Assert.Equal(File.ReadAllBytes(minted.CertPath), secret.Data["tls.crt"]);
    }

    /// <summary>
    /// The webhook reading certs/out/tls.crt and tls.key must never see the new certificate with the old key: both
    /// are reached through one symlink, ..data, which a rotation replaces with a single rename (the kubelet's layout
    /// for a mounted Secret).
    /// </summary>
    [Fact]
    public void Rotation_swaps_key_and_certificate_together_through_one_symlink()
    {
        using var minted = MintedCertificates.Mint();
        var data = Path.Combine(minted.Directory, "..data");
        var firstPair = new FileInfo(data).LinkTarget;

        var (exitCode, _, error) = minted.Run("--rotate-leaf");

        Assert.True(exitCode == 0, error);
        Assert.Equal(Path.Combine("..data", "tls.crt"), new FileInfo(minted.CertPath).LinkTarget);
        Assert.Equal(Path.Combine("..data", "tls.key"), new FileInfo(minted.KeyPath).LinkTarget);
        var secondPair = new FileInfo(data).LinkTarget;
        Assert.NotNull(secondPair);
        Assert.NotEqual(firstPair, secondPair);
        Assert.True(File.Exists(Path.Combine(minted.Directory, secondPair, "tls.crt")));
        Assert.True(File.Exists(Path.Combine(minted.Directory, secondPair, "tls.key")));
        // The previous pair is gone; only the current one is left.
        Assert.Equal([secondPair], Directory.GetDirectories(minted.Directory, "..*").Select(Path.GetFileName).Where(n => n != "..data"));
        using var pair = X509Certificate2.CreateFromPemFile(minted.CertPath, minted.KeyPath);
        Assert.True(pair.HasPrivateKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(minted.Directory, secondPair, "tls.key")));
        }
    }

    [Fact]
    public void Refuses_to_replace_an_existing_ca_without_being_told()
    {
        using var minted = MintedCertificates.Mint();
        var caBefore = File.ReadAllBytes(minted.CaPath);

        var (exitCode, _, error) = minted.Run();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--rotate-leaf", error, StringComparison.Ordinal);
        Assert.Equal(caBefore, File.ReadAllBytes(minted.CaPath));
    }

    [Fact]
    public void Rotation_without_a_ca_fails()
    {
        var directory = Directory.CreateTempSubdirectory("webhook-certs-").FullName;
        try
        {
            var (exitCode, _, error) = ProcessRunner.Run("bash", RepositoryPaths.Root, MintedCertificates.Script, "--out", directory, "--rotate-leaf");
            Assert.NotEqual(0, exitCode);
            Assert.Contains("needs the CA", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Minted_files_are_git_ignored_and_no_tracked_file_holds_a_private_key()
    {
        string[] minted = ["certs/out/tls.key", "certs/out/tls-secret.yaml", "certs/out/ca.key", "certs/out/kustomization.yaml"];
        var (ignoredExit, ignored, ignoreError) = ProcessRunner.Run("git", RepositoryPaths.Root, ["check-ignore", .. minted]);
        Assert.True(ignoredExit == 0, ignoreError);
        Assert.Equal(minted, ignored.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var (grepExit, output, _) = ProcessRunner.Run("git", RepositoryPaths.Root, "grep", "-l", "-I", "PRIVATE KEY-----", "--", "deploy", "certs", "Dockerfile");
        Assert.True(grepExit == 1, $"tracked files hold private keys: {output}");
    }
}

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AdmissionWebhook.Telemetry;

namespace AdmissionWebhook.Certificates;

/// <summary>
/// Serves a PEM certificate and key from files and reloads them when they change. Kubernetes updates secret volumes
/// by swapping a <c>..data</c> symlink, which a file watcher alone can miss, so the files are also polled (as
/// controller-runtime's certwatcher does every 10 s). A half-written rotation keeps the last good certificate.
/// </summary>
internal sealed class CertificateReloader : IServingCertificate, IDisposable
{
    private readonly string _certPath;
    private readonly string _keyPath;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _poll;
    private readonly Lock _reloadLock = new();
    private Served _served;
    private byte[] _fingerprint;

    public CertificateReloader(string certPath, string keyPath, TimeSpan pollInterval, ILogger logger, TimeProvider time)
    {
        _certPath = Path.GetFullPath(certPath);
        _keyPath = Path.GetFullPath(keyPath);
        _logger = logger;
        // The first load must succeed: a webhook that cannot serve TLS must not start.
        (_served, _fingerprint) = Load();
        Log.CertificateLoaded(_logger, _certPath, _served.Certificate.Subject, _served.Certificate.NotAfter);
        var directory = Path.GetDirectoryName(_certPath);
        if (directory is not null && Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => TryReload();
            _watcher.Created += (_, _) => TryReload();
            _watcher.Renamed += (_, _) => TryReload();
            _watcher.Deleted += (_, _) => TryReload();
        }
        _poll = time.CreateTimer(_ => TryReload(), null, pollInterval, pollInterval);
    }

    public X509Certificate2 Current => Volatile.Read(ref _served).Certificate;

    public SslStreamCertificateContext Context => Volatile.Read(ref _served).Context;

    public string Source => _certPath;

    /// <summary>Reloads when the files' content changed; returns true when a new certificate is served.</summary>
    public bool TryReload()
    {
        lock (_reloadLock)
        {
            try
            {
                var fingerprint = Fingerprint();
                if (fingerprint.AsSpan().SequenceEqual(_fingerprint))
                {
                    return false;
                }
                var (served, loadedFingerprint) = Load();
                Volatile.Write(ref _served, served);
                _fingerprint = loadedFingerprint;
                Log.CertificateLoaded(_logger, _certPath, served.Certificate.Subject, served.Certificate.NotAfter);
                return true;
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
            {
                Log.CertificateReloadFailed(_logger, e, _certPath);
                return false;
            }
        }
    }

    /// <summary>
    /// The leaf (the first certificate, with the key) and every further certificate in the file as the chain to send:
    /// a client that trusts only the root (the API server's caBundle) needs the intermediates from us.
    /// </summary>
    private (Served, byte[]) Load()
    {
        var fingerprint = Fingerprint();
        var certificate = X509Certificate2.CreateFromPemFile(_certPath, _keyPath);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(_certPath);
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            intermediates.Add(all[i]);
        }
        // offline: build the chain from what the file holds, never from the network.
        var context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
        return (new Served(certificate, context), fingerprint);
    }

    private sealed record Served(X509Certificate2 Certificate, SslStreamCertificateContext Context);

    private byte[] Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(_certPath));
        hash.AppendData(File.ReadAllBytes(_keyPath));
        return hash.GetHashAndReset();
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _poll.Dispose();
    }
}

using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Telemetry;

/// <summary>
/// The log lines of the transport and the host, source-generated with stable event ids (the live cluster view's are
/// in ClusterLog, ids 100-199). Identifiers and decisions only: never an object's content (VM specs carry cloud-init
/// secrets).
/// </summary>
internal static partial class Log
{
    /// <summary>
    /// One line per decision, at the level the handler picks (<c>AdmissionHttpHandler.DecisionLogLevel</c>): a plain allow at Debug, anything with a code at Information.
    /// </summary>
    [LoggerMessage(EventId = 1,
        Message = "Review {Uid} {Webhook} {Resource} {ObjectNamespace}/{ObjectName} {Operation} by {User}: {Decision} [{Codes}] in {DurationMs:F2} ms")]
    public static partial void Decided(ILogger logger, LogLevel level, string uid, string resource, WebhookKind webhook, string objectNamespace, string objectName,
        string operation, string user, string decision, string codes, double durationMs);

    [LoggerMessage(2, LogLevel.Warning, "Review {Uid} of {Resource}: cluster view unavailable ({Reason}); answering 503")]
    public static partial void ClusterViewUnavailable(ILogger logger, string uid, string resource, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Review {Uid} of {Resource}: the API server's deadline passed; answering 503")]
    public static partial void DeadlineExceeded(ILogger logger, string uid, string resource);

    [LoggerMessage(4, LogLevel.Error, "Review {Uid} of {Resource} failed; answering 500: {Failure}")]
    public static partial void ReviewFailed(ILogger logger, string uid, string resource, string failure);

    [LoggerMessage(5, LogLevel.Information, "Request to {Path} rejected: {Status} {Title}")]
    public static partial void Rejected(ILogger logger, string path, int status, string title);

    [LoggerMessage(6, LogLevel.Information, "Request to {Path} ended while its body was read: {Status} ({Reason})")]
    public static partial void BodyUnreadable(ILogger logger, string path, int status, string reason);

    [LoggerMessage(10, LogLevel.Information, "Serving certificate loaded from {CertPath} (subject {Subject}, expires {NotAfter:O})")]
    public static partial void CertificateLoaded(ILogger logger, string certPath, string subject, DateTimeOffset notAfter);

    [LoggerMessage(11, LogLevel.Warning, "Could not reload the serving certificate from {CertPath}; keeping the previous one")]
    public static partial void CertificateReloadFailed(ILogger logger, Exception exception, string certPath);

    [LoggerMessage(12, LogLevel.Warning,
        "No TLS certificate configured: serving a development certificate for localhost. Its CA is at {CaPath} (curl --cacert {CaPath})")]
    public static partial void DevelopmentCertificate(ILogger logger, string caPath);

    [LoggerMessage(20, LogLevel.Information, "Cluster view: {Nads} NetworkAttachmentDefinitions and {Subnets} Subnets from {Source}")]
    public static partial void ClusterViewLoaded(ILogger logger, int nads, int subnets, string source);

    [LoggerMessage(21, LogLevel.Error, "Could not reload manifests from {Source}; keeping the previous cluster view")]
    public static partial void ClusterViewReloadFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(90, LogLevel.Information, "Shutting down: serving for {DelaySeconds:F1} s more while the endpoints drain (Ctrl+C again to stop now)")]
    public static partial void ShutdownDelaying(ILogger logger, double delaySeconds);

    [LoggerMessage(91, LogLevel.Information, "Shutting down: second stop signal, skipping the rest of the delay")]
    public static partial void ShutdownDelaySkipped(ILogger logger);

    /// <summary>
    /// An exception for the log without its messages: exception messages can quote what was parsed (System.Text.Json
    /// names a duplicate key, a dictionary names the key it already has), and the log carries no object content.
    /// The types and the stack say where it failed.
    /// </summary>
    public static string Describe(Exception exception)
    {
        var builder = new System.Text.StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            builder.Append(builder.Length == 0 ? string.Empty : " <- ").Append(e.GetType().FullName);
        }
        return builder.Append(Environment.NewLine).Append(exception.StackTrace).ToString();
    }
}

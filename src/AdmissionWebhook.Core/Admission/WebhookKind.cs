namespace AdmissionWebhook.Admission;

/// <summary>Which of the two webhooks of a resource is called.</summary>
public enum WebhookKind
{
    Validate,
    Mutate,
}

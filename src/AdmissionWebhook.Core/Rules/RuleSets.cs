using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Rules;

/// <summary>
/// Rule sets named after operations. CREATE and UPDATE also run the rules outside any set (the static rules);
/// DELETE runs only its own set, so a broken object can always be deleted unless a Delete rule says otherwise.
/// </summary>
public static class RuleSets
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";

    public static string For(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => Create,
        AdmissionOperation.Update => Update,
        AdmissionOperation.Delete => Delete,
        _ => "Connect",
    };
}

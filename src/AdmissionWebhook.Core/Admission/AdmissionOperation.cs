namespace AdmissionWebhook.Admission;

/// <summary>The operation of an admission request.</summary>
public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
    Connect,
}

/// <summary>Parsing and printing in the API server's spelling.</summary>
public static class AdmissionOperations
{
    public static bool TryParse(string? text, out AdmissionOperation operation)
    {
        switch (text)
        {
            case "CREATE":
                operation = AdmissionOperation.Create;
                return true;
            case "UPDATE":
                operation = AdmissionOperation.Update;
                return true;
            case "DELETE":
                operation = AdmissionOperation.Delete;
                return true;
            case "CONNECT":
                operation = AdmissionOperation.Connect;
                return true;
            default:
                operation = default;
                return false;
        }
    }

    public static string ToWire(this AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => "CREATE",
        AdmissionOperation.Update => "UPDATE",
        AdmissionOperation.Delete => "DELETE",
        _ => "CONNECT",
    };
}

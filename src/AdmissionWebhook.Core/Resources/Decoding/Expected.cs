namespace AdmissionWebhook.Resources.Decoding;

/// <summary>What a field must hold, in the words <see cref="DecodeFailure"/> has always used (Kubernetes terms).</summary>
internal static class Expected
{
    public const string String = "a string";
    public const string Boolean = "true or false";
    public const string Number = "a number";
    public const string Object = "an object";
    public const string ListOfObjects = "a list of objects";
    public const string ListOfStrings = "a list of strings";
    public const string MapOfStrings = "a map of strings";
}

using System.Text.Json;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;
using AdmissionWebhook.Rules;
using FluentValidation;

namespace AdmissionWebhook.Benchmarks;

/// <summary>
/// One review body taken apart into the stages a review runs through, so each can be measured alone: parse and read the
/// AdmissionReview, decode the typed object (and oldObject), run the rules on decoded models, encode the answer.
/// </summary>
internal sealed class ReviewStages<T> where T : class, IAdmissionResource<T>
{
    private readonly JsonDocument _document;
    private readonly AdmissionRequest _request;
    private readonly AdmissionAttributes _attributes;
    private readonly IValidator<T> _validator;
    private readonly AdmissionDecision _decision;

    public ReviewStages(IServiceProvider services, IAdmissionReviewer reviewer, byte[] body)
    {
        Body = body;
        _document = JsonDocument.Parse(body);
        _request = AdmissionReviewReader.Read(_document).Request!;
        _validator = (IValidator<T>)services.GetService(typeof(IValidator<T>))!;
        var policy = (AdmissionPolicy)services.GetService(typeof(AdmissionPolicy))!;
        var operation = Enum.Parse<AdmissionOperation>(_request.Operation!, ignoreCase: true);
        (Current, Old) = Decode();
        _attributes = new AdmissionAttributes(operation, Old, _request.Namespace ?? string.Empty, _request.Name ?? string.Empty,
            _request.UserInfo ?? new UserInfo(), DryRun: false, policy);
        _decision = reviewer.ReviewAsync(_request, WebhookKind.Validate, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public byte[] Body { get; }

    public T Current { get; }

    public T? Old { get; }

    /// <summary>Parse the body and read the AdmissionReview envelope (the transport's part of decoding).</summary>
    public AdmissionRequest Read()
    {
        using var document = JsonDocument.Parse(Body);
        return AdmissionReviewReader.Read(document).Request!;
    }

    /// <summary>The typed decode of object and oldObject, as the reviewer does it.</summary>
    public (T Current, T? Old) Decode()
    {
        ResourceDecoding.TryDecode(_request.Object!.Value, T.Descriptor, out var current, out _);
        T? old = null;
        if (_request.OldObject is { ValueKind: JsonValueKind.Object } oldObject)
        {
            ResourceDecoding.TryDecode(oldObject, T.Descriptor, out old, out _);
        }
        return (current!, old);
    }

    /// <summary>
    /// The rules alone on decoded models, with the rule sets the reviewer selects. <paramref name="current"/> should be a
    /// fresh instance per call, so that what the rules build once per object (the VM's name index) is counted.
    /// </summary>
    public int Rules(T current)
    {
        var context = OperationRuleSelector.ContextFor(current, _attributes.Operation);
        context.SetAdmission(_attributes);
        return _validator.Validate(context).Errors.Count;
    }

    /// <summary>Encode the answer of an already decided review.</summary>
    public byte[] Encode() =>
        JsonSerializer.SerializeToUtf8Bytes(AdmissionResponses.Envelope(AdmissionResponses.From(_request, _decision)), AdmissionJsonContext.Wire.AdmissionReview);
}

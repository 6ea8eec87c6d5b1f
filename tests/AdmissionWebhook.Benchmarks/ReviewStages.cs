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
    private readonly AdmissionRequest _request;
    private readonly AdmissionAttributes _attributes;
    private readonly IValidator<T> _validator;
    private readonly AdmissionDecision _decision;

    public ReviewStages(IServiceProvider services, IAdmissionReviewer reviewer, byte[] body)
    {
        Body = body;
        _request = ReviewPipeline.Read(body).Request!;
        _validator = (IValidator<T>)services.GetService(typeof(IValidator<T>))!;
        var policy = (AdmissionPolicy)services.GetService(typeof(AdmissionPolicy))!;
        var operation = Enum.Parse<AdmissionOperation>(_request.Operation!, ignoreCase: true);
        (Current, Old) = Decode();
        _attributes = new AdmissionAttributes(operation, Old, _request.Namespace ?? string.Empty, _request.Name ?? string.Empty,
            _request.UserInfo ?? new UserInfo(), DryRun: false, policy);
        _decision = reviewer.ReviewAsync(_request, WebhookKind.Validate, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public byte[] Body { get; }

    /// <summary>The body's request, read once.</summary>
    public AdmissionRequest Request => _request;

    public T Current { get; }

    public T? Old { get; }

    /// <summary>Read the body as the transport does: UTF-8 and lone-surrogate checks, then the review (one pass when ordinary).</summary>
    public AdmissionRequest Read() => ReviewPipeline.Read(Body).Request!;

    /// <summary>Every token of the body by a bare <see cref="Utf8JsonReader"/>, what any read costs at least; the token count.</summary>
    public int Tokenize()
    {
        var reader = new Utf8JsonReader(Body, new JsonReaderOptions { MaxDepth = SinglePassReviewReader.MaxDepth });
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }
        return tokens;
    }

    /// <summary>The same through a whole-body document and its elements, the transport's reading before.</summary>
    public AdmissionRequest ReadThroughDocument()
    {
        using var document = ReviewPipeline.ParseDocument(Body);
        return AdmissionReviewReader.Read(document).Request!;
    }

    /// <summary>The typed decode of object and oldObject from the body's text in one session, as the reviewer does it.</summary>
    public (T Current, T? Old) Decode()
    {
        var session = default(ResourceDecodeSession);
        try
        {
            ResourceDecoding.TryDecode(_request.ObjectText!.Value, T.Descriptor, ref session, out var current, out _);
            T? old = null;
            if (_request.OldObjectText is { } oldObject)
            {
                ResourceDecoding.TryDecode(oldObject, T.Descriptor, ref session, out old, out _);
            }
            return (current!, old);
        }
        finally
        {
            session.Dispose();
        }
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
    public int Encode() => ReviewPipeline.Encode(_request, _decision);
}

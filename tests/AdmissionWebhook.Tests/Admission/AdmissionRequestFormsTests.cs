using System.Text;
using System.Text.Json;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>
/// The forms an AdmissionRequest holds each object in (text from the body, element, decoded model): each made from the
/// other on first use, setting one dropping the others, and value equality following the forms that are set.
/// </summary>
public sealed class AdmissionRequestFormsTests
{
    private static readonly ReadOnlyMemory<byte> ObjectJson = Encoding.UTF8.GetBytes("""{"kind":"VirtualMachine","n":1}""");
    private static readonly ReadOnlyMemory<byte> OldJson = Encoding.UTF8.GetBytes("""{"kind":"VirtualMachine","n":0}""");
    private static readonly ReadOnlyMemory<byte> OptionsJson = Encoding.UTF8.GetBytes("""{"kind":"UpdateOptions"}""");

    private static AdmissionRequest FromText() => new()
    {
        Uid = "u",
        ObjectText = ObjectJson,
        OldObjectText = OldJson,
        OptionsText = OptionsJson,
        DecodedObject = "object model",
        DecodedOldObject = "old model",
    };

    [Fact]
    public void Texts_are_kept_and_read_as_elements_on_first_use()
    {
        var request = FromText();

        Assert.True(request.ObjectText!.Value.Span.SequenceEqual(ObjectJson.Span));
        Assert.True(request.OldObjectText!.Value.Span.SequenceEqual(OldJson.Span));
        Assert.True(request.OptionsText!.Value.Span.SequenceEqual(OptionsJson.Span));
        Assert.Equal(1, request.Object!.Value.GetProperty("n").GetInt32());
        Assert.Equal(0, request.OldObject!.Value.GetProperty("n").GetInt32());
        Assert.Equal("UpdateOptions", request.Options!.Value.GetProperty("kind").GetString());
        // Asked again, the same element (parsed once).
        Assert.Equal(JsonValueKind.Object, request.Object!.Value.ValueKind);
        Assert.Equal("object model", request.DecodedObject);
        Assert.Equal("old model", request.DecodedOldObject);
    }

    [Fact]
    public void A_missing_member_has_no_form_at_all()
    {
        var request = new AdmissionRequest { Uid = "u", ObjectText = ObjectJson };

        Assert.Null(request.OldObjectText);
        Assert.Null(request.OldObject);
        Assert.Null(request.OptionsText);
        Assert.Null(request.Options);
        Assert.Null(request.DecodedOldObject);
    }

    [Fact]
    public void An_empty_text_is_a_text_not_a_missing_one()
    {
        var request = new AdmissionRequest { ObjectText = ReadOnlyMemory<byte>.Empty };

        Assert.NotNull(request.ObjectText);
        Assert.Equal(0, request.ObjectText!.Value.Length);
    }

    [Fact]
    public void Setting_an_element_drops_that_members_text_and_model_only()
    {
        var original = FromText();
        using var replacement = JsonDocument.Parse("""{"n":7}""");

        var copy = original with { Object = replacement.RootElement };

        Assert.Null(copy.ObjectText);
        Assert.Null(copy.DecodedObject);
        Assert.Equal(7, copy.Object!.Value.GetProperty("n").GetInt32());
        Assert.NotNull(copy.OldObjectText);
        Assert.Equal("old model", copy.DecodedOldObject);
        Assert.NotNull(copy.OptionsText);
        // The original keeps its own forms.
        Assert.Equal(1, original.Object!.Value.GetProperty("n").GetInt32());
        Assert.Equal("object model", original.DecodedObject);
    }

    [Fact]
    public void Setting_a_text_drops_the_element_and_model_made_from_the_one_before()
    {
        var original = FromText();
        Assert.Equal(1, original.Object!.Value.GetProperty("n").GetInt32());

        var copy = original with { ObjectText = OldJson, OptionsText = null };

        Assert.Null(copy.DecodedObject);
        Assert.Equal(0, copy.Object!.Value.GetProperty("n").GetInt32());
        Assert.Null(copy.OptionsText);
        Assert.Null(copy.Options);
        Assert.Equal(1, original.Object!.Value.GetProperty("n").GetInt32());
        Assert.NotNull(original.Options);
    }

    [Fact]
    public void Equality_follows_the_forms_that_are_set()
    {
        Assert.Equal(FromText(), FromText());
        Assert.Equal(FromText().GetHashCode(), FromText().GetHashCode());
        Assert.NotEqual(FromText(), FromText() with { OptionsText = null });
        Assert.NotEqual(FromText(), FromText() with { ObjectText = OldJson });

        using var document = JsonDocument.Parse("""{"n":7}""");
        var a = new AdmissionRequest { Object = document.RootElement };
        var b = new AdmissionRequest { Object = document.RootElement };
        Assert.Equal(a, b);
        Assert.NotEqual(a, new AdmissionRequest { Object = null });
        Assert.Equal(new AdmissionRequest { Object = null }, new AdmissionRequest());
    }
}

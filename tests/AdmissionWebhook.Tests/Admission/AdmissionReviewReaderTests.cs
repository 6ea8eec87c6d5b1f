using System.Text.Json;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>The one-parse reader yields exactly what the source-generated serializer reads, for every request field.</summary>
public sealed class AdmissionReviewReaderTests
{
    private const string Full = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
          "kind":{"group":"kubevirt.io","version":"v1","kind":"VirtualMachine"},
          "resource":{"group":"kubevirt.io","version":"v1","resource":"virtualmachines"},
          "subResource":"",
          "requestKind":{"group":"kubevirt.io","version":"v1alpha3","kind":"VirtualMachine"},
          "requestResource":{"group":"kubevirt.io","version":"v1alpha3","resource":"virtualmachines"},
          "requestSubResource":"",
          "name":"vm1","namespace":"ns1","operation":"UPDATE",
          "userInfo":{"username":"alice","uid":"u-1","groups":["system:authenticated"],"extra":{"scopes":["a","b"]}},
          "object":{"metadata":{"name":"vm1"}},
          "oldObject":{"metadata":{"name":"vm1","resourceVersion":"7"}},
          "dryRun":true,
          "options":{"kind":"UpdateOptions","apiVersion":"meta.k8s.io/v1"}}}
        """;

    [Fact]
    public void Reads_every_request_field_like_the_serializer()
    {
        using var document = JsonDocument.Parse(Full);
        var read = AdmissionReviewReader.Read(document).Request!;
        var expected = JsonSerializer.Deserialize(Full, AdmissionJsonContext.Default.AdmissionReview)!.Request!;

        Assert.Equal(expected.Uid, read.Uid);
        Assert.Equal(expected.Kind, read.Kind);
        Assert.Equal(expected.Resource, read.Resource);
        Assert.Equal(expected.SubResource, read.SubResource);
        Assert.Equal(expected.RequestKind, read.RequestKind);
        Assert.Equal(expected.RequestResource, read.RequestResource);
        Assert.Equal(expected.RequestSubResource, read.RequestSubResource);
        Assert.Equal(expected.Name, read.Name);
        Assert.Equal(expected.Namespace, read.Namespace);
        Assert.Equal(expected.Operation, read.Operation);
        Assert.Equal(expected.UserInfo!.Username, read.UserInfo!.Username);
        Assert.Equal(expected.UserInfo.Uid, read.UserInfo.Uid);
        Assert.Equal(expected.UserInfo.Groups, read.UserInfo.Groups);
        Assert.Equal(expected.UserInfo.Extra!["scopes"], read.UserInfo.Extra!["scopes"]);
        Assert.Equal(expected.DryRun, read.DryRun);
        Assert.Equal(expected.Object!.Value.GetRawText(), read.Object!.Value.GetRawText());
        Assert.Equal(expected.OldObject!.Value.GetRawText(), read.OldObject!.Value.GetRawText());
        Assert.Equal(expected.Options!.Value.GetRawText(), read.Options!.Value.GetRawText());
    }

    [Fact]
    public void Null_and_missing_members_read_as_null()
    {
        using var document = JsonDocument.Parse("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","object":null}}""");
        var request = AdmissionReviewReader.Read(document).Request!;

        Assert.Null(request.Object);
        Assert.Null(request.OldObject);
        Assert.Null(request.UserInfo);
        Assert.Null(request.DryRun);
    }

    /// <summary>
    /// The strings every review repeats (group, version, kind, resource, operation, usual groups) are one shared instance
    /// each; the rest (uid, names) are read fresh, and a known string written with escapes still reads right.
    /// </summary>
    [Fact]
    public void Repeated_envelope_strings_are_shared_and_read_the_same()
    {
        using var first = JsonDocument.Parse(Full);
        using var second = JsonDocument.Parse(Full.Replace("\"operation\":\"UPDATE\"", "\"operation\":\"\\u0055PDATE\"", StringComparison.Ordinal));
        var a = AdmissionReviewReader.Read(first).Request!;
        var b = AdmissionReviewReader.Read(second).Request!;

        Assert.Same(a.Kind, b.Kind);
        Assert.Same(a.Resource, b.Resource);
        Assert.NotSame(a.RequestKind, b.RequestKind);
        Assert.Equal(a.RequestKind, b.RequestKind);
        Assert.Same(a.Kind!.Group, b.Kind!.Group);
        Assert.Same(a.Kind.Kind, b.Kind.Kind);
        Assert.Same(a.Resource!.Resource, b.Resource!.Resource);
        Assert.Same(a.UserInfo!.Groups![0], b.UserInfo!.Groups![0]);
        Assert.Equal("UPDATE", b.Operation);
        Assert.NotSame(a.Operation, b.Operation);
        Assert.Equal(a.Uid, b.Uid);
        Assert.NotSame(a.Uid, b.Uid);
        Assert.Equal("v1alpha3", a.RequestKind!.Version);
    }
}

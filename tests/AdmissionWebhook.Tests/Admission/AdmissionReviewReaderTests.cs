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
}

using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using HealthFunctions.Storage.Blobs;
using HealthFunctions.Storage.Internal;
using HealthFunctions.Storage.Tables;
using HealthFunctions.Storage.Tests.Support;
using Xunit;

namespace HealthFunctions.Storage.Tests.Auth;

public sealed class SharedKeySigningTests
{
    private const string Account = "devstoreaccount1";
    private static readonly string s_key = Convert.ToBase64String(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));

    [Fact]
    public void SharedKeyLite_PathStyleUrl_SignsDateAndAccountTwice()
    {
        var uri = new RequestUriBuilder();
        uri.Reset(new Uri("http://127.0.0.1:10002/devstoreaccount1/mytable(PartitionKey='a',RowKey='b')?$filter=x&comp=list"));

        var sts = SharedKeyLitePolicy.BuildStringToSign(Account, "Fri, 02 Jan 2026 03:04:05 GMT", uri);

        Assert.Equal("Fri, 02 Jan 2026 03:04:05 GMT\n/devstoreaccount1/devstoreaccount1/mytable(PartitionKey='a',RowKey='b')?comp=list", sts);
    }

    [Fact]
    public async Task SharedKeyLite_OnTableRequest_SendsAuthorizationComputedFromDateHeader()
    {
        var transport = new RecordingTransport(_ => (204, null));
        var table = new TableServiceClient(new Uri("http://127.0.0.1:10002/devstoreaccount1"),
            new StorageSharedKeyCredential(Account, s_key), new TableClientOptions { Transport = transport }).GetTableClient("scores");

        await table.UpsertEntityAsync(new TableEntity("p", "r"));

        var request = Assert.Single(transport.Requests);
        var date = request.Headers["x-ms-date"];
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(s_key),
            Encoding.UTF8.GetBytes($"{date}\n/devstoreaccount1/devstoreaccount1/scores(PartitionKey='p',RowKey='r')")));
        Assert.Equal($"SharedKeyLite {Account}:{expected}", request.Headers["Authorization"]);
        Assert.Equal("2019-02-02", request.Headers["x-ms-version"]);
        Assert.Equal("MERGE", request.Method);
    }

    [Fact]
    public async Task SharedKey_OnBlobRequest_SignsVerbHeadersCanonicalHeadersAndSortedQuery()
    {
        var transport = new RecordingTransport(_ => (201, null));
        var container = new BlobServiceClient(new Uri("http://127.0.0.1:10000/devstoreaccount1"),
            new StorageSharedKeyCredential(Account, s_key), new BlobClientOptions { Transport = transport }).GetContainerClient("raw");

        await container.UploadAsync("a/b.json", BinaryData.FromString("hello"), "application/json", overwrite: false);

        var request = Assert.Single(transport.Requests);
        var msHeaders = request.Headers.Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key.ToLowerInvariant()}:{h.Value}\n").Order(StringComparer.Ordinal);
        var sts = "PUT\n\n\n5\n\napplication/json\n\n\n\n*\n\n\n" + string.Concat(msHeaders) + "/devstoreaccount1/devstoreaccount1/raw/a/b.json";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(s_key), Encoding.UTF8.GetBytes(sts)));
        Assert.Equal($"SharedKey {Account}:{expected}", request.Headers["Authorization"]);
        Assert.Contains("x-ms-blob-type:BlockBlob\n", sts);
    }

    [Fact]
    public void SharedKey_StringToSign_ListsQueryParametersSortedAndDecoded()
    {
        var transport = new RecordingTransport();
        var pipeline = Azure.Core.Pipeline.HttpPipelineBuilder.Build(new BlobClientOptions { Transport = transport });
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/raw?restype=container&comp=list&prefix=a%2Fb%20c"));
        message.Request.Headers.SetValue("x-ms-date", "Fri, 02 Jan 2026 03:04:05 GMT");
        message.Request.Headers.SetValue("x-ms-version", "2023-11-03");

        var sts = SharedKeyPolicy.BuildStringToSign(Account, message.Request);

        Assert.Equal("GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Fri, 02 Jan 2026 03:04:05 GMT\nx-ms-version:2023-11-03\n" +
                     "/devstoreaccount1/devstoreaccount1/raw\ncomp:list\nprefix:a/b c\nrestype:container", sts);
    }

    [Fact]
    public void Credential_ToString_DoesNotRevealTheKey()
    {
        var credential = new StorageSharedKeyCredential(Account, s_key);

        Assert.DoesNotContain(s_key, credential.ToString());
        Assert.Throws<ArgumentException>(() => new StorageSharedKeyCredential(Account, "not base64!"));
    }
}

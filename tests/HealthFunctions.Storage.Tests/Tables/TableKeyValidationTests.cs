using HealthFunctions.Storage.Tables;
using HealthFunctions.Storage.Tests.Support;
using Xunit;

namespace HealthFunctions.Storage.Tests.Tables;

public sealed class TableKeyValidationTests
{
    public static TheoryData<string> ForbiddenKeys() =>
    [
        "a/b", "a\\b", "a#b", "a?b", "tab\there", "nul\0", "del\u007F", "c1\u0085", "line\nbreak", new string('k', 1025),
        new string('é', 513),
    ];

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public async Task Operations_WithForbiddenKeyCharacters_ThrowArgumentExceptionBeforeAnyRequest(string key)
    {
        var transport = new RecordingTransport();
        var table = new TableServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"),
            new StorageSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[32])),
            new TableClientOptions { Transport = transport }).GetTableClient("sometable");

        var add = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("ok", key)));
        var get = await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync(key, "ok"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("ok", key));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(key, "r"))]));

        Assert.Equal("RowKey", add.ParamName);
        Assert.Equal("partitionKey", get.ParamName);
        Assert.Contains("partitionKey", get.Message);
        Assert.False(TableKey.IsValid(key));
        Assert.Empty(transport.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("O'Brien 100% + ü 🚀")]
    public void IsValid_ForAllowedKeys_IsTrue(string key)
    {
        Assert.True(TableKey.IsValid(key));
        TableKey.Validate(key, "key");
    }

    [Fact]
    public void Validate_AtExactlyOneKibibyte_Passes()
    {
        TableKey.Validate(new string('k', 1024), "key");
        Assert.False(TableKey.IsValid(null));
    }
}

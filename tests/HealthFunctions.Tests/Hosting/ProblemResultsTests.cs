using Azure;
using HealthFunctions.Errors;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

public sealed class ProblemResultsTests
{
    public static TheoryData<Exception, bool> Faults() => new()
    {
        { new RequestFailedException("connection refused"), true },
        { new RequestFailedException(503, "server busy"), true },
        { new RequestFailedException(500, "internal error"), true },
        { new RequestFailedException(429, "too many requests"), true },
        { new RequestFailedException(409, "conflict"), true },
        { new RequestFailedException(412, "precondition failed"), true },
        { new RequestFailedException(408, "timeout"), true },
        { new RequestFailedException(400, "The property value exceeds the maximum allowed size (64KB).", "PropertyValueTooLarge", null), false },
        { new RequestFailedException(400, "The entity is larger than the maximum allowed size (1MB).", "EntityTooLarge", null), false },
        { new RequestFailedException(400, "One of the request inputs is not valid.", "InvalidInput", null), false },
        { new RequestFailedException(403, "forbidden"), false },
        { new RequestFailedException(404, "table not found"), false },
        { new Azure.Data.Tables.TableTransactionFailedException(new RequestFailedException(400, "too large", "PropertyValueTooLarge", null)), false },
        { new AggregateException("Retry failed after 4 tries.", new RequestFailedException(400, "too large", "PropertyValueTooLarge", null)), false },
        { new HttpRequestException("connection refused"), true },
        { new AggregateException("Retry failed after 4 tries.", new RequestFailedException("a"), new HttpRequestException("b")), true },
        { new AggregateException("Retry failed after 4 tries.", new TaskCanceledException("exceeded the configured timeout"), new RequestFailedException("b")), true },
        { new Azure.Data.Tables.TableTransactionFailedException(new RequestFailedException(503, "server busy")), true },
        { new AggregateException(new RequestFailedException("a"), new InvalidOperationException("bug")), false },
        { new TaskCanceledException("the caller gave up"), false },
        { new AggregateException(), false },
        { new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void IsStorageFault_RetriesExhaustedCount_BugsDoNot(Exception exception, bool expected)
    {
        Assert.Equal(expected, ProblemResults.IsStorageFault(exception));
    }

    [Fact]
    public async Task IsStorageFault_ForWhatTheSdkThrowsWhenStorageIsUnreachable_IsTrue()
    {
        // Nothing listens on port 1: every attempt is refused, and the SDK gives up after its retries.
        var options = new Azure.Data.Tables.TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var tables = new Azure.Data.Tables.TableServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"),
            new Azure.Data.Tables.TableSharedKeyCredential("devstoreaccount1", HealthFunctions.TestSupport.AzuriteFixture.AccountKey), options);
        var names = new HealthFunctions.Storage.TableNames(Microsoft.Extensions.Options.Options.Create(new HealthFunctions.Settings.PipelineOptions()));
        var store = new HealthFunctions.Storage.AccountStore(tables, names, TimeProvider.System, new HealthFunctions.Storage.ConflictBackoff());

        var e = await Assert.ThrowsAnyAsync<Exception>(() => store.GetAsync("acct", CancellationToken.None));

        Assert.True(ProblemResults.IsStorageFault(e), e.GetType().Name + ": " + e.Message);
    }

    [Theory]
    [InlineData(400, "PropertyValueTooLarge", 500)]
    [InlineData(400, "EntityTooLarge", 500)]
    [InlineData(503, "ServerBusy", 503)]
    public async Task For_AStorageRefusalNoRetryCures_IsA500_NotA503ThatSendersRetryForever(int storageStatus, string code, int answered)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { Response = { Body = new MemoryStream() } };
        http.Request.Path = "/api/tasks/t-1";
        var failure = new RequestFailedException(storageStatus, "refused", code, null);

        await ProblemResults.For(failure, http, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).ExecuteAsync(http);

        Assert.Equal(answered, http.Response.StatusCode);
        Assert.Equal(answered == 503, http.Response.Headers.RetryAfter.Count > 0);
    }
}

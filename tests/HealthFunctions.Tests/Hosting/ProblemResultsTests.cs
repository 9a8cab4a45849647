using Azure;
using HealthFunctions.Errors;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

public sealed class ProblemResultsTests
{
    public static TheoryData<Exception, bool> Faults() => new()
    {
        { new RequestFailedException("connection refused"), true },
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
}

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
        { new AggregateException(new RequestFailedException("a"), new InvalidOperationException("bug")), false },
        { new AggregateException(), false },
        { new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void IsStorageFault_RetriesExhaustedCount_BugsDoNot(Exception exception, bool expected)
    {
        Assert.Equal(expected, ProblemResults.IsStorageFault(exception));
    }
}

using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

/// <summary>
/// The worker middleware that turns an HTTP function's exception into its problem+json answer, run against a mocked
/// FunctionContext the way the worker calls it.
/// </summary>
public sealed class ProblemMiddlewareTests
{
    private static (Mock<FunctionContext> Context, WorkerContext.Features Features) Context(HttpContext? http) => WorkerContext.Create(http);

    [Fact]
    public async Task HttpFunctionThrowingValidation_GetsProblemResult_NamingTheField()
    {
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        http.Request.Path = "/api/signals";
        var (context, features) = Context(http);

        await new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance).Invoke(context.Object,
            _ => throw new RequestValidationException("signals[3].metric", "is required."));

        var result = Assert.IsAssignableFrom<IResult>(features.InvocationResult);
        await result.ExecuteAsync(http);
        Assert.Equal(400, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("signals[3].metric", problem.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task HttpFunctionHittingAStorageOutage_Gets503WithRetryAfter()
    {
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var (context, features) = Context(http);

        await new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance).Invoke(context.Object,
            _ => throw new Azure.RequestFailedException(503, "Server busy"));

        await Assert.IsAssignableFrom<IResult>(features.InvocationResult).ExecuteAsync(http);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task TimerFunctionThrowing_KeepsTheException_SoTheHostLogsTheFailedRun()
    {
        var (context, features) = Context(http: null);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance).Invoke(context.Object, _ => throw new InvalidOperationException("storage bug")));

        Assert.Equal("storage bug", e.Message);
        Assert.Null(features.InvocationResult);
    }

    [Fact]
    public async Task FunctionThatSucceeds_KeepsItsOwnResult()
    {
        var (context, features) = Context(new DefaultHttpContext());
        var ran = false;

        await new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance).Invoke(context.Object, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Null(features.InvocationResult);
    }
}

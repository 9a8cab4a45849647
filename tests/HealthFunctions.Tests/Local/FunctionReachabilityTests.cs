using System.Net;
using System.Reflection;
using System.Text.Json;
using HealthFunctions.Dispatch;
using HealthFunctions.Local;
using HealthFunctions.Tests.Infra;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Local;

/// <summary>
/// Every [Function] runs locally exactly as the Functions host would route or schedule it: the local runner's catalog
/// equals the declarations and the functions.metadata the Worker SDK generated, and each HTTP function answers on its
/// route and methods.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionReachabilityTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static List<(string Name, MethodInfo Method)> Declared() =>
        typeof(PlaybookDispatcher).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()?.Name, m))
            .Where(x => x.Name is not null)
            .Select(x => (x.Name!, x.m))
            .ToList();

    private static List<JsonElement> Metadata()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(AppSettingsTests.FunctionMetadataFile()));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Fact]
    public void Catalog_HoldsEveryDeclaredFunction_AndNothingElse()
    {
        var catalog = FunctionCatalog.Load(typeof(PlaybookDispatcher).Assembly, "api");

        Assert.Equal(Declared().Select(d => d.Name).Order(StringComparer.Ordinal), catalog.Functions.Select(f => f.Name));
        Assert.Equal(25, catalog.Functions.Count);
    }

    [Fact]
    public void Catalog_RoutesAndSchedules_EqualTheGeneratedFunctionMetadata()
    {
        var catalog = FunctionCatalog.Load(typeof(PlaybookDispatcher).Assembly, "api");
        var metadata = Metadata();

        Assert.Equal(metadata.Select(m => m.GetProperty("name").GetString()).Order(StringComparer.Ordinal), catalog.Functions.Select(f => f.Name));
        foreach (var m in metadata)
        {
            var function = catalog.Functions.Single(f => f.Name == m.GetProperty("name").GetString());
            var trigger = m.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
            switch (trigger.GetProperty("type").GetString())
            {
                case "httpTrigger":
                    Assert.Equal(trigger.GetProperty("route").GetString(), function.Http!.Route);
                    Assert.Equal(trigger.GetProperty("methods").EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()), function.Http.Methods);
                    Assert.Equal(trigger.GetProperty("authLevel").GetString(), function.Http.AuthLevel.ToString());
                    break;
                case "timerTrigger":
                    Assert.Equal(trigger.GetProperty("schedule").GetString(), function.Timer!.Schedule);
                    break;
                default:
                    Assert.Fail($"{function.Name} has a trigger the local runner does not run: {trigger}");
                    break;
            }
        }
    }

    [Fact]
    public async Task EveryHttpFunction_IsMappedLocally_AndAnswersOnItsRouteAndMethods()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(catalog.Http);
        foreach (var function in catalog.Http)
        {
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == function.Name);
            Assert.Equal(catalog.PatternOf(function), "/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
            Assert.Equal(function.Http!.Methods, endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods);

            var path = "/" + System.Text.RegularExpressions.Regex.Replace(catalog.PatternOf(function).TrimStart('/'), @"\{[^}]+\}", "stripe");
            using var request = new HttpRequestMessage(new HttpMethod(function.Http.Methods[0]), path) { Content = new StringContent("{}") };
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            // Not routed would be a bare 404 or a 405; a function's own answer (even 404 for an unknown id) is its body.
            Assert.False(response.StatusCode == HttpStatusCode.MethodNotAllowed || (response.StatusCode == HttpStatusCode.NotFound && body.Length == 0),
                $"{function.Name} is not reachable at {function.Http.Methods[0]} {path}: {(int)response.StatusCode}");
            Assert.True((int)response.StatusCode < 500, $"{function.Name} answered {(int)response.StatusCode}: {body}");
        }
    }

    [Fact]
    public async Task EveryTimerFunction_IsScheduledLocally_FromItsSetting()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["DispatchSchedule"] = "*/7 * * * * *" });
        _ = app.Services; // starts the runner
        var timers = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LocalTimers>().Single().Schedules();

        Assert.Equal(Declared().Where(d => d.Method.GetParameters().Any(p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null)).Select(d => d.Name).Order(StringComparer.Ordinal),
            timers.Select(t => t.Function.Name).Order(StringComparer.Ordinal));
        var dispatch = timers.Single(t => t.Function.Name == DispatchPlaybooksFunction.Name).Schedule;
        var start = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(start.AddSeconds(7), dispatch.GetNextOccurrence(start));
    }
}

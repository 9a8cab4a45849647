using HealthFunctions;
using HealthFunctions.Access;
using HealthFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;

// Under the Functions host (Azure, or `func start`): the isolated worker with ASP.NET Core integration.
// Without a host, functions/HealthFunctions.Local runs the same function classes.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemMiddleware>();
builder.UseMiddleware<AccessMiddleware>(); // after ProblemMiddleware, so a refusal is answered as problem+json
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.AddHealthFunctions(HostingMode.Read(builder.Configuration, localRunner: false));
builder.Build().Run();

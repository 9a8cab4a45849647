using HealthFunctions.Hosting;

namespace HealthFunctions.Local;

/// <summary>Builds the local runner: the app's services (as under the Functions host), its HTTP routes and its timers.</summary>
public static class LocalRunner
{
    /// <summary>The runner as a web application.</summary>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json and host.json come from the app project's output, beside this assembly.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddHealthFunctions(HostingMode.Read(builder.Configuration, localRunner: true));
        var catalog = FunctionCatalog.Load(typeof(HealthFunctionsSetup).Assembly, HostJson.RoutePrefix(AppContext.BaseDirectory));
        builder.Services.AddSingleton(catalog);
        builder.Services.AddHostedService<LocalTimers>();
        builder.Services.AddHostedService<LocalAccess.ListenerCheck>();
        if (builder.Configuration[PausingLocalBusSteps.StepKey] is { Length: > 0 } step)
        {
            // The local bus crash test's pause point (never set by run.sh).
            builder.Services.AddSingleton<Messaging.Local.LocalBusSteps>(new PausingLocalBusSteps(step, builder.Configuration[PausingLocalBusSteps.MarkerKey]
                ?? throw new InvalidOperationException($"{PausingLocalBusSteps.StepKey} needs {PausingLocalBusSteps.MarkerKey}.")));
        }

        var app = builder.Build();
        app.UseDotSegmentRefusal(); // before routing: the path as the client sent it
        app.UseRouting();
        app.MapFunctions(catalog);
        return app;
    }
}

using HealthFunctions;
using HealthFunctions.Hosting;

// appsettings.json (log levels) sits beside the executable, wherever the host or run.sh starts it from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHealthFunctions();
var mode = HostingMode.From(builder.Configuration);
if (mode.HostPort is { } port)
{
    // Under the Functions host: listen where it says, on loopback only.
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}

var app = builder.Build();
app.MapHealthFunctions();
app.Run();

/// <summary>Entry point (public for the test host).</summary>
public partial class Program;

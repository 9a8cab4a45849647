var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/api/healthz", () => Results.Json(new { status = "ok" }));
app.Run();

using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;

namespace HealthFunctions.Accounts;

/// <summary>The account, portfolio and task endpoints: each parses, calls one service and maps the result.</summary>
public static class AccountEndpoints
{
    /// <summary>Longest history a request may ask for (the history table keeps more).</summary>
    public const int MaxHistoryDays = 400;

    /// <summary>Maps the endpoints.</summary>
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/accounts/{accountId}", async (string accountId, HttpRequest request, AccountStore store, CancellationToken ct) =>
        {
            CheckAccountId(accountId);
            var profile = ProfileParser.Parse(await RequestBody.ReadAsync(request, ct).ConfigureAwait(false));
            var created = await store.PutProfileAsync(accountId, profile, ct).ConfigureAwait(false);
            return Results.Json(profile, AppJson.Default.AccountProfileData, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        app.MapGet("/api/accounts/{accountId}/health", async (string accountId, AccountQueries queries, CancellationToken ct) =>
        {
            CheckAccountId(accountId);
            return Results.Json(await queries.GetHealthAsync(accountId, ct).ConfigureAwait(false), AppJson.Default.AccountHealth);
        });

        app.MapGet("/api/accounts/{accountId}/health/history", async (string accountId, string? days, AccountQueries queries, CancellationToken ct) =>
        {
            CheckAccountId(accountId);
            var n = 30;
            if (days is not null && (!int.TryParse(days, out n) || n is < 1 or > MaxHistoryDays))
            {
                throw new RequestValidationException("days", $"must be a whole number from 1 to {MaxHistoryDays}.");
            }

            return Results.Json(await queries.GetHistoryAsync(accountId, n, ct).ConfigureAwait(false), AppJson.Default.HealthHistory);
        });

        app.MapGet("/api/portfolio", async (AccountQueries queries, CancellationToken ct) =>
            Results.Json(await queries.GetPortfolioAsync(ct).ConfigureAwait(false), AppJson.Default.PortfolioSummary));

        app.MapGet("/api/tasks", async (string? accountId, string? status, TaskStore tasks, CancellationToken ct) =>
        {
            if (accountId is not null)
            {
                CheckAccountId(accountId);
            }

            if (status is not null && status is not ("open" or "done" or "dismissed"))
            {
                throw new RequestValidationException("status", "must be open, done or dismissed.");
            }

            var list = new List<PlaybookTaskRecord>();
            await foreach (var t in tasks.ListAsync(accountId, status, ct).ConfigureAwait(false))
            {
                list.Add(t);
            }

            return Results.Json(new TaskList(list.Count, list), AppJson.Default.TaskList);
        });
    }

    private static void CheckAccountId(string accountId)
    {
        if (SignalParser.AccountIdProblem(accountId) is { } problem)
        {
            throw new RequestValidationException("accountId", problem);
        }
    }
}

using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Accounts;

/// <summary>The account, portfolio and task functions: each parses, calls one service and maps the result.</summary>
public sealed class AccountFunctions(AccountStore store, AccountQueries queries, TaskStore tasks)
{
    /// <summary>Longest history a request may ask for (the history table keeps more).</summary>
    public const int MaxHistoryDays = 400;

    /// <summary><c>PUT /api/accounts/{accountId}</c>: sets the profile.</summary>
    [Function("PutAccount")]
    public async Task<IResult> PutAccountAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "accounts/{accountId}")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        var profile = ProfileParser.Parse(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false));
        var created = await store.PutProfileAsync(accountId, profile, cancellationToken).ConfigureAwait(false);
        return Results.Json(profile, AppJson.Default.AccountProfileData, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary><c>GET /api/accounts/{accountId}/health</c>: the current score with its explanation.</summary>
    [Function("GetAccountHealth")]
    public async Task<IResult> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/health")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        return Results.Json(await queries.GetHealthAsync(accountId, cancellationToken).ConfigureAwait(false), AppJson.Default.AccountHealth);
    }

    /// <summary><c>GET /api/accounts/{accountId}/health/history?days=N</c>: the daily history.</summary>
    [Function("GetAccountHistory")]
    public async Task<IResult> GetHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/health/history")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        var days = 30;
        if (request.Query["days"] is { Count: > 0 } text && (!int.TryParse(text, out days) || days is < 1 or > MaxHistoryDays))
        {
            throw new RequestValidationException("days", $"must be a whole number from 1 to {MaxHistoryDays}.");
        }

        return Results.Json(await queries.GetHistoryAsync(accountId, days, cancellationToken).ConfigureAwait(false), AppJson.Default.HealthHistory);
    }

    /// <summary><c>GET /api/portfolio</c>: counts by tier and segment, the average, the biggest drops.</summary>
    [Function("GetPortfolio")]
    public async Task<IResult> GetPortfolioAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "portfolio")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Json(await queries.GetPortfolioAsync(cancellationToken).ConfigureAwait(false), AppJson.Default.PortfolioSummary);

    /// <summary><c>GET /api/tasks?accountId=&amp;status=</c>: playbook tasks.</summary>
    [Function("GetTasks")]
    public async Task<IResult> GetTasksAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? accountId = request.Query["accountId"];
        string? status = request.Query["status"];
        if (accountId is not null)
        {
            CheckAccountId(accountId);
        }

        if (status is not null && status is not ("open" or "done" or "dismissed"))
        {
            throw new RequestValidationException("status", "must be open, done or dismissed.");
        }

        var list = new List<PlaybookTaskRecord>();
        await foreach (var t in tasks.ListAsync(accountId, status, cancellationToken).ConfigureAwait(false))
        {
            list.Add(t);
        }

        return Results.Json(new TaskList(list.Count, list), AppJson.Default.TaskList);
    }

    private static void CheckAccountId(string accountId)
    {
        if (SignalParser.AccountIdProblem(accountId) is { } problem)
        {
            throw new RequestValidationException("accountId", problem);
        }
    }
}

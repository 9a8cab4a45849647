using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Accounts;

/// <summary>
/// The account and portfolio functions: each parses, calls one service and maps the result. They are
/// anonymous at the Functions level: the dashboard calls them from the browser, which holds no function key, and in Azure
/// App Service authentication (Entra ID) admits only signed-in users and allowed applications (docs/deploy.md).
/// </summary>
public sealed class AccountFunctions(AccountStore store, AccountQueries queries, ModelProvider models, AccountDirectory directory, AuditTrail audit)
{
    /// <summary>Longest history a request may ask for (the history table keeps more).</summary>
    public const int MaxHistoryDays = 400;

    /// <summary><c>GET /api/accounts</c>: the filtered, sorted, paged list; CSV of the whole view with <c>format=csv</c> or <c>Accept: text/csv</c>.</summary>
    [Function("ListAccounts")]
    [Access(RouteClass.Read)]
    public async Task<IResult> ListAccountsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = AccountListQuery.Parse(request.Query);
        var (all, page) = await queries.ListAsync(query, cancellationToken).ConfigureAwait(false);
        if (CsvText.Wanted(request))
        {
            return CsvText.Attachment(request, "accounts.csv", AccountCsv.Write(all));
        }

        return Results.Json(page, AppJson.Default.AccountPage);
    }

    /// <summary><c>GET /api/accounts/{accountId}</c>: the profile and the current health together.</summary>
    [Function("GetAccount")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetAccountAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        return Results.Json(await queries.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false), AppJson.Default.AccountDetail);
    }

    /// <summary><c>PUT /api/accounts/{accountId}</c>: sets the whole profile (a field not sent is unset).</summary>
    [Function("PutAccount")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> PutAccountAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "accounts/{accountId}")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        var profile = ProfileParser.Parse(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false), models.Current);
        AccountProfileData? before = null;
        var created = await store.UpdateProfileAsync(accountId, current =>
        {
            before = current;
            return profile;
        }, cancellationToken).ConfigureAwait(false);
        directory.Invalidate();
        await AuditProfileAsync(request, accountId, AuditActions.ProfilePut, created ? null : before, profile, cancellationToken).ConfigureAwait(false);
        return Results.Json(profile, AppJson.Default.AccountProfileData, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary><c>PATCH /api/accounts/{accountId}</c>: changes the fields sent (null clears one), keeps the rest; 404 for an unknown account.</summary>
    [Function("PatchAccount")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> PatchAccountAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "accounts/{accountId}")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        var patch = ProfileParser.ParsePatch(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false), models.Current);
        ProfileParser.RequireAny(patch);
        if (await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException($"No account '{accountId}'; PUT creates one.");
        }

        AccountProfileData? before = null, result = null;
        await store.PatchProfileAsync(accountId, current => result = patch.ApplyTo(before = current), cancellationToken).ConfigureAwait(false);
        directory.Invalidate();
        await AuditProfileAsync(request, accountId, AuditActions.ProfilePatch, before, result, cancellationToken).ConfigureAwait(false);
        return Results.Json(result!, AppJson.Default.AccountProfileData);
    }

    /// <summary><c>GET /api/accounts/{accountId}/health</c>: the current score with its explanation; its metrics as CSV with <c>format=csv</c>.</summary>
    [Function("GetAccountHealth")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/health")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        var health = await queries.GetHealthAsync(accountId, cancellationToken).ConfigureAwait(false);
        return CsvText.Wanted(request)
            ? CsvText.Attachment(request, "account-metrics.csv", HealthCsv.Write(health))
            : Results.Json(health, AppJson.Default.AccountHealth);
    }

    /// <summary><c>GET /api/accounts/{accountId}/health/history?days=N</c>: the daily history.</summary>
    [Function("GetAccountHistory")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/health/history")] HttpRequest request, string accountId,
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

    /// <summary><c>GET /api/portfolio</c>: tiers, segments, ARR at risk, renewals, movers and the daily trend.</summary>
    [Function("GetPortfolio")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetPortfolioAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portfolio")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Json(await queries.GetPortfolioAsync(cancellationToken).ConfigureAwait(false), AppJson.Default.PortfolioSummary);

    private Task AuditProfileAsync(HttpRequest request, string accountId, string action, AccountProfileData? before, AccountProfileData? after,
        CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditTrail.AccountSubject(accountId), Caller.Of(request), action, null,
            AuditTrail.State(before, AppJson.Default.AccountProfileData), AuditTrail.State(after, AppJson.Default.AccountProfileData), cancellationToken);

    /// <summary>Refuses an account id the store could not key.</summary>
    internal static void CheckAccountId(string accountId)
    {
        if (SignalParser.AccountIdProblem(accountId) is { } problem)
        {
            throw new RequestValidationException("accountId", problem);
        }
    }

}

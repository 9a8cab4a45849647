using System.Globalization;
using HealthFunctions.Access;
using HealthFunctions.Accounts;
using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Audit;

/// <summary>
/// The audit trail: <c>GET /api/accounts/{accountId}/audit</c> (pulses, overrides, profile and task changes on one
/// account) and <c>GET /api/audit?scope=models|webhooks</c> (model activations, webhook replays), newest first, <c>top</c>
/// entries (100 by default).
/// </summary>
public sealed class AuditFunctions(AuditTrail trail)
{
    /// <summary>One account's changes.</summary>
    [Function("GetAccountAudit")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetAccountAuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/audit")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        var entries = await trail.ReadAsync(AuditTrail.AccountSubject(accountId), Top(request), cancellationToken).ConfigureAwait(false);
        return Results.Json(new AuditTrailPage(accountId, entries), AppJson.Default.AuditTrailPage);
    }

    /// <summary>The changes of a system scope: model activations or webhook replays.</summary>
    [Function("GetAudit")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetAuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? scope = request.Query["scope"];
        if (scope is null || !AuditActions.Scopes.Contains(scope))
        {
            throw new RequestValidationException("scope", $"must be one of {string.Join(", ", AuditActions.Scopes)} (an account's changes: GET /api/accounts/{{id}}/audit).");
        }

        var entries = await trail.ReadAsync(AuditTrail.ScopeSubject(scope), Top(request), cancellationToken).ConfigureAwait(false);
        return Results.Json(new AuditTrailPage(scope, entries), AppJson.Default.AuditTrailPage);
    }

    private static int Top(HttpRequest request)
    {
        var top = 100;
        if (request.Query["top"] is { Count: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > AuditTrail.MaxTop))
        {
            throw new RequestValidationException("top", $"must be a whole number from 1 to {AuditTrail.MaxTop}.");
        }

        return top;
    }
}

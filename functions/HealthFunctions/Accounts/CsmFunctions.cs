using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Accounts;

/// <summary>
/// A CSM's pulse and manual override on an account: <c>POST</c> sets one (replacing the previous), <c>DELETE</c> ends it
/// early. Stored on the account and marked for rescoring, so they count within the dirty-rescore interval; idempotent.
/// Anonymous at the Functions level, like the rest of the dashboard's API (see <see cref="AccountFunctions"/>); the csm
/// role in the app. The author is the signed-in principal; each change goes to the audit trail.
/// </summary>
public sealed class CsmFunctions(CsmStore store, ModelProvider models, TimeProvider clock, AuditTrail audit)
{
    /// <summary>What the answers say about timing.</summary>
    public const string TakesEffect = "at the account's next rescore: within the dirty-rescore interval (DirtyRescoreSchedule, every minute by default)";

    /// <summary><c>POST /api/accounts/{accountId}/pulse</c>: <c>{"value","author","expiresOn","note"?}</c>.</summary>
    [Function("SetPulse")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> SetPulseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/pulse")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var pulse = CsmParser.ParsePulse(body, models.Current, Today(), Caller.Of(request));
        return await ChangeAsync(request, accountId, AuditActions.PulseSet, c => c with { Pulse = pulse }, PulseState, cancellationToken, pulseAnswer: true).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /api/accounts/{accountId}/pulse</c>: ends the pulse now.</summary>
    [Function("EndPulse")]
    [Access(RouteClass.CsmWrite)]
    public Task<IResult> EndPulseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "accounts/{accountId}/pulse")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        return ChangeAsync(request, accountId, AuditActions.PulseEnd, c => c with { Pulse = null }, PulseState, cancellationToken);
    }

    /// <summary><c>POST /api/accounts/{accountId}/override</c>: <c>{"score"?,"tier"?,"reason","author","expiresOn"}</c>.</summary>
    [Function("SetOverride")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> SetOverrideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/override")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var manual = CsmParser.ParseOverride(body, Today(), Caller.Of(request), models.Current);
        return await ChangeAsync(request, accountId, AuditActions.OverrideSet, c => c with { Override = manual }, OverrideState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /api/accounts/{accountId}/override</c>: ends the override now.</summary>
    [Function("EndOverride")]
    [Access(RouteClass.CsmWrite)]
    public Task<IResult> EndOverrideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "accounts/{accountId}/override")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        return ChangeAsync(request, accountId, AuditActions.OverrideEnd, c => c with { Override = null }, OverrideState, cancellationToken);
    }

    private static JsonElement? PulseState(CsmInputs c) => AuditTrail.State(c.Pulse, AppJson.Default.CsmPulse);

    private static JsonElement? OverrideState(CsmInputs c) => AuditTrail.State(c.Override, AppJson.Default.ManualOverride);

    private async Task<IResult> ChangeAsync(HttpRequest request, string accountId, string action, Func<CsmInputs, CsmInputs> change,
        Func<CsmInputs, JsonElement?> audited, CancellationToken cancellationToken, bool pulseAnswer = false)
    {
        var before = CsmInputs.None;
        var (stored, profile) = await store.ChangeAsync(accountId, c => change(before = c), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No account '{accountId}'.");
        await audit.RecordAsync(AuditTrail.AccountSubject(accountId), Caller.Of(request), action, null,
            audited(before), audited(stored), cancellationToken).ConfigureAwait(false);
        var answer = new CsmState(accountId, stored.Pulse, stored.Override, TakesEffect);
        if (pulseAnswer)
        {
            var blocked = models.Current.PulseBlocked(profile.Segment, profile.LifecycleStage);
            answer = answer with { PulseMovesScore = blocked is null, PulseNote = blocked is null ? null : PulseWillNotMove(blocked) };
        }

        return Results.Json(answer, AppJson.Default.CsmState);
    }

    /// <summary>What the answer and the account page say when a pulse cannot move the account's score.</summary>
    public static string PulseWillNotMove(string why) =>
        $"This pulse will not move the score: {why}. It is stored and shown with the account, and counts again if the weights change.";

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

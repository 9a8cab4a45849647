using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Accounts;

/// <summary>
/// A CSM's pulse and manual override on an account: <c>POST</c> sets one (replacing the previous), <c>DELETE</c> ends it
/// early. Stored on the account and marked for rescoring, so they count within the dirty-rescore interval; idempotent.
/// Anonymous at the Functions level, like the rest of the dashboard's API (see <see cref="AccountFunctions"/>).
/// </summary>
public sealed class CsmFunctions(CsmStore store, ModelProvider models, TimeProvider clock)
{
    /// <summary>What the answers say about timing.</summary>
    public const string TakesEffect = "at the account's next rescore: within the dirty-rescore interval (DirtyRescoreSchedule, every minute by default)";

    /// <summary><c>POST /api/accounts/{accountId}/pulse</c>: <c>{"value","author","expiresOn","note"?}</c>.</summary>
    [Function("SetPulse")]
    public async Task<IResult> SetPulseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/pulse")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var pulse = CsmParser.ParsePulse(body, models.Current, Today(), SignedInUser.Of(request));
        return await ChangeAsync(accountId, c => c with { Pulse = pulse }, cancellationToken, pulseAnswer: true).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /api/accounts/{accountId}/pulse</c>: ends the pulse now.</summary>
    [Function("EndPulse")]
    public Task<IResult> EndPulseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "accounts/{accountId}/pulse")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        return ChangeAsync(accountId, c => c with { Pulse = null }, cancellationToken);
    }

    /// <summary><c>POST /api/accounts/{accountId}/override</c>: <c>{"score"?,"tier"?,"reason","author","expiresOn"}</c>.</summary>
    [Function("SetOverride")]
    public async Task<IResult> SetOverrideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/override")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var manual = CsmParser.ParseOverride(body, Today(), SignedInUser.Of(request), models.Current);
        return await ChangeAsync(accountId, c => c with { Override = manual }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /api/accounts/{accountId}/override</c>: ends the override now.</summary>
    [Function("EndOverride")]
    public Task<IResult> EndOverrideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "accounts/{accountId}/override")] HttpRequest request, string accountId,
        CancellationToken cancellationToken)
    {
        AccountFunctions.CheckAccountId(accountId);
        return ChangeAsync(accountId, c => c with { Override = null }, cancellationToken);
    }

    private async Task<IResult> ChangeAsync(string accountId, Func<CsmInputs, CsmInputs> change, CancellationToken cancellationToken, bool pulseAnswer = false)
    {
        var (stored, profile) = await store.ChangeAsync(accountId, change, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No account '{accountId}'.");
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

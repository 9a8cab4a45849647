using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Accounts;

/// <summary>
/// Writes an account's pulse and override: one entity-group transaction that merges the <c>Pulse</c>/<c>Override</c>
/// columns and a bumped state version into the account row (If-Match its ETag, so a concurrent signal or profile write is
/// never lost) and sets the dirty marker, so RescoreDirty scores the account with them within its interval.
/// </summary>
public sealed class CsmStore(TableServiceClient tables, TableNames names, AccountStore accounts, AccountDirectory directory, TimeProvider clock)
{
    private const int MaxAttempts = 50;
    private readonly TableClient _table = tables.GetTableClient(names.Accounts);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored inputs; returns them with the account's profile, or null when the
    /// account does not exist. A change to nothing new writes nothing.
    /// </summary>
    public async Task<(CsmInputs Inputs, AccountProfileData Profile)?> ChangeAsync(string accountId, Func<CsmInputs, CsmInputs> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var before = current.Csm ?? CsmInputs.None;
            var after = change(before);
            if (after == before)
            {
                return (after, current.Profile);
            }

            var shard = AccountKeys.Shard(accountId);
            var row = AccountEntityMapper.SetCsm(new TableEntity(shard, AccountKeys.AccountRow(accountId)) { ["StateVersion"] = current.StateVersion + 1 }, after);
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateMerge, row, current.ETag),
                new(TableTransactionActionType.UpsertReplace, new TableEntity(shard, AccountKeys.DirtyRow(accountId)) { ["Since"] = clock.GetUtcNow() }),
            ];
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                directory.Invalidate();
                return (after, current.Profile);
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is 0 or null && e.Status is 409 or 412 or 404)
            {
                // Another writer changed the row since it was read: read again and retry.
            }
        }

        throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to set its pulse or override.");
    }
}

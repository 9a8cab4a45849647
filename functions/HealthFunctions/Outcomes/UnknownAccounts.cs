using HealthFunctions.Accounts;
using HealthFunctions.Storage;

namespace HealthFunctions.Outcomes;

/// <summary>
/// Which account ids of a batch of outcomes name no account the pipeline knows (no profile, no signal): their outcomes are
/// stored, but a backtest can score none of them, so the answer says so. Ids missing from the accounts list (a few seconds
/// old) are checked against their rows, up to <see cref="MaxRowChecks"/>; past that the list's word stands.
/// </summary>
public sealed class UnknownAccounts(AccountDirectory directory, AccountStore accounts)
{
    /// <summary>Most account rows read to confirm that an id missing from the list is really unknown.</summary>
    public const int MaxRowChecks = 100;

    /// <summary>The distinct ids of <paramref name="accountIds"/> with no account, in order.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(IEnumerable<string> accountIds, CancellationToken cancellationToken)
    {
        var wanted = accountIds.Distinct(StringComparer.Ordinal).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var line in directory.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add(line.AccountId);
        }

        var unknown = new List<string>();
        var checks = 0;
        foreach (var id in wanted.Where(id => !known.Contains(id)))
        {
            // Created in the last seconds (by a signal, or on another instance): its row says so.
            if (checks++ < MaxRowChecks && await accounts.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            unknown.Add(id);
        }

        return unknown;
    }
}

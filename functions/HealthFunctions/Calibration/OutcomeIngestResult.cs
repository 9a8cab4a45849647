namespace HealthFunctions.Calibration;

/// <summary>
/// The answer to <c>POST /api/outcomes</c>: distinct outcomes stored (re-posting one replaces it), and the accounts they
/// name that the pipeline does not know (<c>UnknownAccounts</c> of them, the first <see cref="Listed"/> ids listed, with a
/// <c>Note</c> saying what follows): stored all the same, but a backtest finds no score for them.
/// </summary>
public sealed record OutcomeIngestResult(int Accepted, int UnknownAccounts = 0, IReadOnlyList<string>? UnknownAccountIds = null, string? Note = null)
{
    /// <summary>Unknown account ids listed in the answer at most.</summary>
    public const int Listed = 20;

    /// <summary>The answer for <paramref name="accepted"/> outcomes of which <paramref name="unknown"/> name no account.</summary>
    public static OutcomeIngestResult Of(int accepted, IReadOnlyList<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        return unknown.Count == 0
            ? new OutcomeIngestResult(accepted, 0, [])
            : new OutcomeIngestResult(accepted, unknown.Count, unknown.Take(Listed).ToList(),
                $"{unknown.Count} account(s) have no profile and no signal here; their outcomes are stored, but a backtest has no score to test for them "
                + "until the accounts' signals arrive (check the ids against your CRM's).");
    }
}

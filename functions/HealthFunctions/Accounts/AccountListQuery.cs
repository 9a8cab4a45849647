using HealthFunctions.Hosting;

namespace HealthFunctions.Accounts;

/// <summary>
/// The filters, sort and page of <c>GET /api/accounts</c>: <c>tier</c> (Red, Yellow, Green, Unscored; comma-separated),
/// <c>segment</c>, <c>owner</c>, <c>lifecycleStage</c> (exact, case-insensitive; "none" for unset), <c>renewalWithin</c>
/// (days from today, 1-366), <c>q</c> (text in the id or name), <c>sort</c> (score, change, arr, renewal, name),
/// <c>order</c> (asc, desc), <c>page</c> (from 1) and <c>pageSize</c> (1-500).
/// </summary>
public sealed record AccountListQuery(
    IReadOnlySet<string>? Tiers,
    string? Segment,
    string? Owner,
    string? LifecycleStage,
    int? RenewalWithin,
    string? Text,
    string Sort,
    bool Descending,
    int Page,
    int PageSize)
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Value of a text filter that selects accounts where the field is unset.</summary>
    public const string None = ListQueryReader.None;

    private static readonly string[] Sorts = ["score", "change", "arr", "renewal", "name"];
    private static readonly string[] Known = ["tier", "segment", "owner", "lifecycleStage", "renewalWithin", "q", "sort", "order", "page", "pageSize", "format"];

    /// <summary>Reads the query string, listing every invalid parameter.</summary>
    public static AccountListQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var r = new ListQueryReader(query, "accounts list", Known).RejectUnknown();
        var tiers = r.Tiers();
        var sort = r.Choice("sort", Sorts, "score");
        // Worst first by default: lowest score, biggest fall, largest ARR, soonest renewal.
        var descending = r.Descending(sort is "arr");
        var renewal = r.Number("renewalWithin", 1, 366);
        var page = r.Number("page", 1, 1_000_000) ?? 1;
        var size = r.Number("pageSize", 1, MaxPageSize) ?? 50;
        r.Format();
        r.ThrowIfInvalid();
        return new AccountListQuery(tiers, r.Text("segment"), r.Text("owner"), r.Text("lifecycleStage"), renewal, r.Text("q"), sort, descending, page, size);
    }

    /// <summary>Whether an account passes the filters on <paramref name="today"/>.</summary>
    public bool Matches(AccountLine a, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        return (Tiers is null || Tiers.Contains(a.Tier?.ToString() ?? "Unscored"))
            && ListQueryReader.Same(Segment, a.Segment) && ListQueryReader.Same(Owner, a.Owner) && ListQueryReader.Same(LifecycleStage, a.LifecycleStage)
            && RenewsWithin(a, RenewalWithin, today)
            && (Text is null || a.AccountId.Contains(Text, StringComparison.OrdinalIgnoreCase) || (a.Name?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false));
    }

    /// <summary>Whether the account renews from today to <paramref name="days"/> days ahead (true without a window).</summary>
    public static bool RenewsWithin(AccountLine? a, int? days, DateOnly today) =>
        days is not { } d || (a?.RenewalDate is { } r && r >= today && r <= today.AddDays(d));

    /// <summary>The accounts in this query's order (missing values last either way, ties by id).</summary>
    public List<AccountLine> Order(IEnumerable<AccountLine> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var list = accounts.ToList();
        list.Sort((x, y) =>
        {
            var c = Sort switch
            {
                "score" => ListQueryReader.Compare(x.Score, y.Score, Descending),
                "change" => ListQueryReader.Compare(x.Delta, y.Delta, Descending),
                "arr" => ListQueryReader.Compare(x.Arr, y.Arr, Descending),
                "renewal" => ListQueryReader.Compare(x.RenewalDate?.DayNumber, y.RenewalDate?.DayNumber, Descending),
                _ => (Descending ? -1 : 1) * string.Compare(x.Name ?? x.AccountId, y.Name ?? y.AccountId, StringComparison.OrdinalIgnoreCase),
            };
            return c != 0 ? c : string.CompareOrdinal(x.AccountId, y.AccountId);
        });
        return list;
    }
}

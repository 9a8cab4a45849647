using System.Globalization;
using HealthFunctions.Errors;
using HealthScoring;
using Microsoft.Extensions.Primitives;

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
    public const string None = "none";

    private static readonly string[] Sorts = ["score", "change", "arr", "renewal", "name"];
    private static readonly string[] TierNames = ["Red", "Yellow", "Green", "Unscored"];
    private static readonly string[] Known = ["tier", "segment", "owner", "lifecycleStage", "renewalWithin", "q", "sort", "order", "page", "pageSize", "format"];

    /// <summary>Reads the query string, listing every invalid parameter.</summary>
    public static AccountListQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        foreach (var key in query.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add(new FieldError(key, $"is not a parameter of the accounts list; use {string.Join(", ", Known)}."));
        }

        HashSet<string>? tiers = null;
        if (Param(query, "tier") is { } tierText)
        {
            tiers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in tierText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = TierNames.FirstOrDefault(t => string.Equals(t, part, StringComparison.OrdinalIgnoreCase));
                if (name is null)
                {
                    errors.Add(new FieldError("tier", $"'{part}' is not a tier; use Red, Yellow, Green or Unscored (comma-separated)."));
                }
                else
                {
                    tiers.Add(name);
                }
            }
        }

        var sort = (Param(query, "sort") ?? "score").ToLowerInvariant();
        if (!Sorts.Contains(sort))
        {
            errors.Add(new FieldError("sort", $"must be one of {string.Join(", ", Sorts)}."));
        }

        var order = Param(query, "order")?.ToLowerInvariant();
        if (order is not (null or "asc" or "desc"))
        {
            errors.Add(new FieldError("order", "must be asc or desc."));
        }

        var renewal = Number(query, "renewalWithin", 1, 366, errors);
        var page = Number(query, "page", 1, 1_000_000, errors) ?? 1;
        var size = Number(query, "pageSize", 1, MaxPageSize, errors) ?? 50;
        var format = Param(query, "format");
        if (format is not (null or "json" or "csv"))
        {
            errors.Add(new FieldError("format", "must be json or csv."));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        // Worst first by default: lowest score, biggest fall, largest ARR, soonest renewal.
        var descending = order is null ? sort is "arr" : order == "desc";
        return new AccountListQuery(tiers, Param(query, "segment"), Param(query, "owner"), Param(query, "lifecycleStage"), renewal, Param(query, "q"),
            sort, descending, page, size);
    }

    /// <summary>Whether an account passes the filters on <paramref name="today"/>.</summary>
    public bool Matches(AccountLine a, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        return (Tiers is null || Tiers.Contains(a.Tier?.ToString() ?? "Unscored"))
            && Same(Segment, a.Segment) && Same(Owner, a.Owner) && Same(LifecycleStage, a.LifecycleStage)
            && (RenewalWithin is not { } days || (a.RenewalDate is { } r && r >= today && r <= today.AddDays(days)))
            && (Text is null || a.AccountId.Contains(Text, StringComparison.OrdinalIgnoreCase) || (a.Name?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false));
    }

    /// <summary>The accounts in this query's order (missing values last either way, ties by id).</summary>
    public List<AccountLine> Order(IEnumerable<AccountLine> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var list = accounts.ToList();
        list.Sort((x, y) =>
        {
            var c = Sort switch
            {
                "score" => Compare(x.Score, y.Score),
                "change" => Compare(x.Delta, y.Delta),
                "arr" => Compare(x.Arr, y.Arr),
                "renewal" => Compare(x.RenewalDate?.DayNumber, y.RenewalDate?.DayNumber),
                _ => Directed(string.Compare(x.Name ?? x.AccountId, y.Name ?? y.AccountId, StringComparison.OrdinalIgnoreCase)),
            };
            return c != 0 ? c : string.CompareOrdinal(x.AccountId, y.AccountId);
        });
        return list;

        int Compare<T>(T? a, T? b) where T : struct, IComparable<T> => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } p, { } q) => Directed(p.CompareTo(q)),
        };

        int Directed(int c) => Descending ? -c : c;
    }

    private static bool Same(string? filter, string? value) =>
        filter is null || (string.Equals(filter, None, StringComparison.OrdinalIgnoreCase) ? string.IsNullOrEmpty(value) : string.Equals(filter, value, StringComparison.OrdinalIgnoreCase));

    private static string? Param(IQueryCollection query, string key) =>
        query.TryGetValue(key, out StringValues v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;

    private static int? Number(IQueryCollection query, string key, int min, int max, List<FieldError> errors)
    {
        if (Param(query, key) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            errors.Add(new FieldError(key, $"must be a whole number from {min} to {max}."));
            return null;
        }

        return n;
    }
}

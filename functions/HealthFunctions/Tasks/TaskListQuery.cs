using HealthFunctions.Accounts;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;

namespace HealthFunctions.Tasks;

/// <summary>
/// The filters, sort and page of <c>GET /api/tasks</c>, read as the accounts list reads its own (<see cref="ListQueryReader"/>):
/// <c>status</c> (open, done, dismissed; comma-separated), <c>playbook</c>, <c>owner</c> (exact, case-insensitive; "none"
/// for unassigned; "mine" for the signed-in user), <c>accountId</c>, <c>due</c> (overdue: open and due before today; week:
/// open and due from today to 6 days ahead), and of the task's account: <c>tier</c>, <c>segment</c>, <c>renewalWithin</c>
/// (days). <c>sort</c> due (soonest first), tier (worst first), arr (largest first) or created (newest first);
/// <c>order</c>, <c>page</c>, <c>pageSize</c> (1-500), <c>format</c> (json or csv: the whole view).
/// </summary>
public sealed record TaskListQuery(
    IReadOnlySet<string>? Statuses,
    string? Playbook,
    string? Owner,
    string? AccountId,
    string? Due,
    IReadOnlySet<string>? Tiers,
    string? Segment,
    int? RenewalWithin,
    string Sort,
    bool Descending,
    int Page,
    int PageSize)
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The <c>owner</c> value that means the signed-in user.</summary>
    public const string Mine = "mine";

    /// <summary>Days from today that "due this week" covers (today and the 6 after it).</summary>
    public const int WeekDays = 7;

    private static readonly string[] Sorts = ["due", "tier", "arr", "created"];
    private static readonly string[] Dues = ["overdue", "week"];
    private static readonly string[] Known = ["status", "playbook", "owner", "accountId", "due", "tier", "segment", "renewalWithin", "sort", "order", "page", "pageSize", "format"];
    private static readonly Dictionary<string, int> TierRank = new(StringComparer.Ordinal) { ["Red"] = 0, ["Yellow"] = 1, ["Green"] = 2, ["Unscored"] = 3 };

    /// <summary>Reads the query string, listing every invalid parameter; <paramref name="signedIn"/> is who "mine" means (null: nobody signed in).</summary>
    public static TaskListQuery Parse(IQueryCollection query, string? signedIn)
    {
        ArgumentNullException.ThrowIfNull(query);
        var r = new ListQueryReader(query, "tasks list", Known).RejectUnknown();
        var statuses = r.Set("status", TaskStatuses.All, "a task status");
        var tiers = r.Tiers();
        var owner = r.Text("owner");
        if (string.Equals(owner, Mine, StringComparison.OrdinalIgnoreCase))
        {
            owner = signedIn;
            if (owner is null)
            {
                r.Errors.Add(new FieldError("owner", "'mine' needs a signed-in user (in Azure); locally, give the owner's name."));
            }
        }

        var accountId = r.Text("accountId");
        if (accountId is not null && Ingestion.SignalParser.AccountIdProblem(accountId) is { } problem)
        {
            r.Errors.Add(new FieldError("accountId", problem));
        }

        var due = r.Text("due") is null ? null : r.Choice("due", Dues, "");
        var sort = r.Choice("sort", Sorts, "due");
        var descending = r.Descending(sort is "arr" or "created");
        var renewal = r.Number("renewalWithin", 1, 366);
        var page = r.Number("page", 1, 1_000_000) ?? 1;
        var size = r.Number("pageSize", 1, MaxPageSize) ?? 50;
        r.Format();
        r.ThrowIfInvalid();
        return new TaskListQuery(statuses, r.Text("playbook"), owner, accountId, due, tiers, r.Text("segment"), renewal, sort, descending, page, size);
    }

    /// <summary>Whether the task is open and due before <paramref name="today"/>.</summary>
    public static bool IsOverdue(PlaybookTaskRecord t, DateOnly today) => t.Status == TaskStatuses.Open && t.DueOn < today;

    /// <summary>Whether a task (with its account's list line, if known) passes every filter but <c>status</c> and <c>due</c>.</summary>
    public bool MatchesBesidesStatusAndDue(PlaybookTaskRecord t, AccountLine? account, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(t);
        return ListQueryReader.Same(Playbook, t.Playbook) && ListQueryReader.Same(Owner, t.Owner)
            && (AccountId is null || string.Equals(AccountId, t.AccountId, StringComparison.Ordinal))
            && (Tiers is null || Tiers.Contains(account?.Tier?.ToString() ?? "Unscored"))
            && ListQueryReader.Same(Segment, account?.Segment)
            && AccountListQuery.RenewsWithin(account, RenewalWithin, today);
    }

    /// <summary>Whether a task passes the <c>status</c> and <c>due</c> filters.</summary>
    public bool MatchesStatusAndDue(PlaybookTaskRecord t, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(t);
        return (Statuses is null || Statuses.Contains(t.Status)) && Due switch
        {
            "overdue" => IsOverdue(t, today),
            "week" => t.Status == TaskStatuses.Open && t.DueOn >= today && t.DueOn < today.AddDays(WeekDays),
            _ => true,
        };
    }

    /// <summary>The tasks in this query's order (ties: due day, then id).</summary>
    public List<PlaybookTaskRecord> Order(IEnumerable<PlaybookTaskRecord> tasks, IReadOnlyDictionary<string, AccountLine> accounts)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(accounts);
        var list = tasks.ToList();
        list.Sort((x, y) =>
        {
            var ax = accounts.GetValueOrDefault(x.AccountId);
            var ay = accounts.GetValueOrDefault(y.AccountId);
            var c = Sort switch
            {
                "tier" => ListQueryReader.Compare(Rank(ax), Rank(ay), Descending),
                "arr" => ListQueryReader.Compare(ax?.Arr, ay?.Arr, Descending),
                "created" => ListQueryReader.Compare<DateTimeOffset>(x.CreatedAt, y.CreatedAt, Descending),
                _ => ListQueryReader.Compare<int>(x.DueOn.DayNumber, y.DueOn.DayNumber, Descending),
            };
            if (c == 0 && Sort != "due")
            {
                c = x.DueOn.CompareTo(y.DueOn);
            }

            return c != 0 ? c : string.CompareOrdinal(x.TaskId, y.TaskId);
        });
        return list;

        static int? Rank(AccountLine? a) => TierRank[a?.Tier?.ToString() ?? "Unscored"];
    }
}

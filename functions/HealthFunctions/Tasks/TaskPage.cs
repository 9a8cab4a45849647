using HealthFunctions.Accounts;

namespace HealthFunctions.Tasks;

/// <summary>
/// The answer to <c>GET /api/tasks</c>: one page of the filtered, sorted tasks and the totals of the whole view:
/// <c>Count</c> tasks match; <c>ByStatus</c> counts them by status and <c>Overdue</c> counts the open ones due before
/// <c>AsOf</c> (both under every filter but status and due, so a board shows each status's count while one is
/// selected); <c>Accounts</c> holds the list line of each account on the page (name, tier, score, ARR, renewal).
/// </summary>
public sealed record TaskPage(
    int Count,
    int Page,
    int PageSize,
    string Sort,
    string Order,
    DateOnly AsOf,
    IReadOnlyDictionary<string, int> ByStatus,
    int Overdue,
    IReadOnlyList<PlaybookTaskRecord> Tasks,
    IReadOnlyDictionary<string, AccountLine> Accounts);

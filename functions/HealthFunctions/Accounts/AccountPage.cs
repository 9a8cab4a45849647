namespace HealthFunctions.Accounts;

/// <summary>The answer to <c>GET /api/accounts</c>: one page of the filtered, sorted list and the totals of the whole view
/// (<c>Total</c> accounts, <c>TotalArr</c> ARR).</summary>
public sealed record AccountPage(int Total, double TotalArr, int Page, int PageSize, string Sort, string Order, IReadOnlyList<AccountLine> Accounts);

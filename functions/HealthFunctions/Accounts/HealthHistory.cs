using HealthFunctions.Rescoring;

namespace HealthFunctions.Accounts;

/// <summary>The answer to <c>GET /api/accounts/{id}/health/history</c>.</summary>
public sealed record HealthHistory(string AccountId, int Days, IReadOnlyList<HistoryRow> History);

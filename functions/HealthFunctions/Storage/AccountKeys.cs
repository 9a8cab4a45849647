using System.Text;

namespace HealthFunctions.Storage;

/// <summary>
/// Where an account's rows live. Accounts are spread over a fixed number of shards (the PartitionKey), so a
/// full rescore reads pages of 1,000 and writes entity-group batches of up to 100 rows that share a shard.
/// Changing <see cref="ShardCount"/> moves every account: it is a constant, not a setting.
/// </summary>
public static class AccountKeys
{
    /// <summary>Number of shards.</summary>
    public const int ShardCount = 64;

    /// <summary>RowKey prefix of account rows (profile + signal state) in the accounts table.</summary>
    public const string AccountPrefix = "a|";

    /// <summary>RowKey prefix of event-id markers (deduplication) in the accounts table.</summary>
    public const string EventPrefix = "e|";

    /// <summary>RowKey prefix of dirty markers (rescore soon) in the accounts table.</summary>
    public const string DirtyPrefix = "d|";

    /// <summary>RowKey prefix of month rows (an account's signal buckets of one month, apart from its row) in the accounts table.</summary>
    public const string MonthPrefix = "m|";

    /// <summary>The shard (PartitionKey) of an account: FNV-1a of its UTF-8 id, stable across processes.</summary>
    public static string Shard(string accountId)
    {
        uint hash = 2166136261;
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(accountId.Length, 256))];
        var bytes = accountId.Length <= 256 ? buffer[..Encoding.UTF8.GetBytes(accountId, buffer)] : Encoding.UTF8.GetBytes(accountId);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return ShardName((int)(hash % ShardCount));
    }

    /// <summary>The name (PartitionKey) of shard <paramref name="index"/> (0 to <see cref="ShardCount"/> - 1).</summary>
    public static string ShardName(int index) => "s" + index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RowKey of the account row.</summary>
    public static string AccountRow(string accountId) => AccountPrefix + accountId;

    /// <summary>RowKey of the dirty marker.</summary>
    public static string DirtyRow(string accountId) => DirtyPrefix + accountId;

    /// <summary>RowKey of one month row of an account: the id, a bar and the month as yyyyMM.</summary>
    public static string MonthRow(string accountId, StateMonth month) => MonthPrefix + accountId + "|" + month.Key;

    /// <summary>The account id of an account or dirty row key.</summary>
    public static string AccountIdOf(string rowKey) => rowKey[2..];

    /// <summary>
    /// RowKey of an event marker: a hash of account and event id, so event ids of any length or alphabet
    /// (including characters Table keys forbid) dedupe safely.
    /// </summary>
    public static string EventRow(string accountId, string eventId)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(accountId + "\0" + eventId));
        return EventPrefix + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    /// <summary>History RowKey: account id, a bar and the day as yyyyMMdd (fixed width, so a range query finds one account's days).</summary>
    public static string HistoryRow(string accountId, DateOnly day) =>
        accountId + "|" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using HealthFunctions.Access;
using HealthFunctions.Storage;

namespace HealthFunctions.Audit;

/// <summary>
/// The audit trail: table {prefix}audit, one row per change, PartitionKey the subject (<c>a|{account id}</c>, or
/// <c>s|{scope}</c> for changes that belong to no account: model activations, webhook replays), RowKey the inverted time
/// and a random suffix, so a partition reads newest first. A change is recorded right after it was stored and before it
/// is answered; should that write fail, the answer is a 503 and the log keeps the change with its author.
/// </summary>
public sealed partial class AuditTrail(TableServiceClient tables, TableNames names, TimeProvider clock, ILogger<AuditTrail> logger)
{
    /// <summary>Most entries one read returns.</summary>
    public const int MaxTop = 500;

    /// <summary>Longest before/after JSON kept per entry (longer is cut, and marked so).</summary>
    public const int MaxStateChars = 30_000;

    private readonly TableClient _table = tables.GetTableClient(names.Audit);
    private long _lastTicks;

    /// <summary>The partition of an account's changes.</summary>
    public static string AccountSubject(string accountId) => "a|" + accountId;

    /// <summary>The partition of a system scope's changes.</summary>
    public static string ScopeSubject(string scope) => "s|" + scope;

    /// <summary>The row key of an entry at <paramref name="at"/>: newest first within a partition.</summary>
    public static string RowKey(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>
    /// Records a change made by <paramref name="who"/> when <paramref name="before"/> and <paramref name="after"/> differ (a
    /// request that changed nothing records nothing).
    /// </summary>
    public async Task RecordAsync(string subject, Principal who, string action, string? target, JsonElement? before, JsonElement? after,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var beforeText = Text(before);
        var afterText = Text(after);
        if (beforeText == afterText)
        {
            return;
        }

        var at = NextTime();
        var entity = new TableEntity(subject, RowKey(at)) { ["At"] = at, ["Action"] = action }
            .SetIfNotNull("WhoName", who.Name)
            .SetIfNotNull("WhoObjectId", who.ObjectId)
            .SetIfNotNull("Target", target)
            .SetIfNotNull("Before", Cut(beforeText))
            .SetIfNotNull("After", Cut(afterText));
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Errors.ProblemResults.IsStorageFault(e))
        {
            LogUnrecorded(logger, e, subject, action, target, who.Name, who.ObjectId, beforeText, afterText);
            throw;
        }
    }

    /// <summary>The newest entries of a subject, at most <paramref name="top"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string subject, int top, CancellationToken cancellationToken)
    {
        var list = new List<AuditEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subject}"), Math.Min(top, 1000), null, cancellationToken)
                           .ConfigureAwait(false))
        {
            list.Add(new AuditEntry(e.GetDateTimeOffset("At") ?? default, new AuditActor(e.GetString("WhoName"), e.GetString("WhoObjectId")),
                e.GetString("Action") ?? "", e.GetString("Target"), Json(e.GetString("Before")), Json(e.GetString("After"))));
            if (list.Count >= top)
            {
                break;
            }
        }

        return list;
    }

    /// <summary>The JSON of a value, for the before and after of an entry (null stays null).</summary>
    public static JsonElement? State<T>(T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, type);

    /// <summary>Now, but later than the last entry this instance wrote, so entries written in one tick keep their order.</summary>
    private DateTimeOffset NextTime()
    {
        var now = clock.GetUtcNow().UtcTicks;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastTicks, next, last) != last);
        return new DateTimeOffset(next, TimeSpan.Zero);
    }

    private static string? Text(JsonElement? e) => e is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } v ? v.GetRawText() : null;

    private static string? Cut(string? text) =>
        text is { Length: > MaxStateChars } ? "{\"truncated\":" + JsonSerializer.Serialize(text[..MaxStateChars], AppJson.Default.String) + "}" : text;

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Audit entry not written: {Subject} {Action} {Target} by {WhoName} ({WhoObjectId}); before {Before}; after {After}")]
    private static partial void LogUnrecorded(ILogger logger, Exception exception, string subject, string action, string? target, string? whoName,
        string? whoObjectId, string? before, string? after);
}

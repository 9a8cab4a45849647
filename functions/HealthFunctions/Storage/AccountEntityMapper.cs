using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>
/// Maps account rows and month rows to and from table entities. The signal state is split over binary properties of
/// at most 64 KiB (the account row holds at most <see cref="StateLayout.InlineBytes"/> of it, a month row one month);
/// the score properties are written by rescoring with a merge, and carried along by every replace.
/// A null value is left out of the entity (as the service does), so a merge keeps the stored property.
/// </summary>
public static class AccountEntityMapper
{
    /// <summary>Bytes per state property (the service's limit for a binary property is 64 KiB).</summary>
    public const int ChunkBytes = 60_000;

    /// <summary>State properties an entity may carry (keeps an account row well under 1 MiB).</summary>
    public const int MaxChunks = 12;

    /// <summary>Builds the whole entity for an account (used with replace, so it carries the score, pulse and override too).</summary>
    public static TableEntity ToEntity(string accountId, AccountProfileData profile, SignalState state, long stateVersion,
        DateTimeOffset? lastSignalAt, ScoreSnapshot? score, CsmInputs? csm = null, DateTimeOffset? profileUpdatedAt = null,
        PagedMonths? paged = null, byte[]? encodedState = null, IReadOnlyDictionary<string, DateOnly>? dwellResets = null)
    {
        var entity = score is null
            ? new TableEntity(AccountKeys.Shard(accountId), AccountKeys.AccountRow(accountId))
            : ToScoreEntity(accountId, score);
        entity["AccountId"] = accountId;
        entity.SetIfNotNull("Name", profile.Name);
        entity.SetIfNotNull("Segment", profile.Segment);
        entity.SetIfNotNull("LifecycleStage", profile.LifecycleStage);
        entity.SetIfNotNull("Arr", profile.Arr);
        entity.SetIfNotNull("RenewalDate", profile.RenewalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        entity.SetIfNotNull("Owner", profile.Owner);
        entity.SetIfNotNull("ProfileUpdatedAt", profileUpdatedAt);
        entity.SetIfNotNull("LastSignalAt", lastSignalAt);
        SetCsm(entity, csm);
        entity.SetIfNotNull("DwellResets", EncodeResets(dwellResets));
        entity["StateVersion"] = stateVersion;
        entity.SetIfNotNull("Paged", paged?.Encode());
        return WriteState(entity, encodedState ?? SignalStateCodec.Encode(state), accountId);
    }

    /// <summary>A month row: one month of an account's buckets, written at state version <paramref name="stateVersion"/>.</summary>
    public static TableEntity ToMonthEntity(string accountId, StateMonth month, SignalState state, long stateVersion)
    {
        var entity = new TableEntity(AccountKeys.Shard(accountId), AccountKeys.MonthRow(accountId, month))
        {
            ["AccountId"] = accountId,
            ["Month"] = month.Key,
            ["StateVersion"] = stateVersion,
        };
        return WriteState(entity, SignalStateCodec.Encode(state), accountId);
    }

    /// <summary>Reads a month row: its month, the state version that wrote it and its buckets.</summary>
    public static (StateMonth Month, long Version, StoredSignalState State) FromMonthEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var month = StateMonth.Parse(entity.GetString("Month") ?? "") ?? throw new InvalidDataException($"Month row {entity.RowKey} lacks its month.");
        return (month, entity.GetInt64("StateVersion") ?? 0, ReadState(entity));
    }

    private static TableEntity WriteState(TableEntity entity, byte[] bytes, string accountId)
    {
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            // StateLayout keeps every row within the limit; reaching this is a bug, not a request to refuse.
            throw new InvalidOperationException($"Signal state of account '{accountId}' is {bytes.Length} bytes, over the {MaxChunks * ChunkBytes}-byte limit.");
        }

        entity["StateChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["S" + i.ToString(CultureInfo.InvariantCulture)] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - (i * ChunkBytes))).ToArray();
        }

        return entity;
    }

    /// <summary>The score properties alone, for a merge into the account row.</summary>
    public static TableEntity ToScoreEntity(string accountId, ScoreSnapshot score)
    {
        var result = score.Result.Value;
        var previous = score.Previous?.Value;
        var entity = new TableEntity(AccountKeys.Shard(accountId), AccountKeys.AccountRow(accountId));
        entity["ScoredDay"] = Day(score.Day);
        entity.SetIfNotNull("Score", result.Score);
        entity.SetIfNotNull("Tier", result.Tier?.ToString());
        entity["Coverage"] = result.Coverage;
        entity["ModelVersion"] = result.ModelVersion;
        entity["ComputedAt"] = score.ComputedAt;
        entity["ScoredStateVersion"] = score.StateVersion;
        entity["ResultZ"] = score.Result.Encoded;
        entity.SetIfNotNull("PrevScore", previous?.Score);
        entity.SetIfNotNull("PrevTier", previous?.Tier?.ToString());
        entity.SetIfNotNull("PrevDay", previous is null ? null : Day(previous.AsOf));
        entity.SetIfNotNull("PrevResultZ", score.Previous?.Encoded);
        entity["Recent"] = EncodeRecent(score.Recent);
        entity["PublishedKinds"] = string.Join(',', score.PublishedKinds);
        entity["Dwells"] = score.Dwells.Count == 0 ? "" : JsonSerializer.Serialize(score.Dwells, AppJson.Default.IReadOnlyListString);
        return entity;
    }

    /// <summary>The <c>DwellResets</c> column: playbook → day, as JSON; null when there are none.</summary>
    public static string? EncodeResets(IReadOnlyDictionary<string, DateOnly>? resets) =>
        resets is null || resets.Count == 0 ? null : JsonSerializer.Serialize(resets, AppJson.Default.IReadOnlyDictionaryStringDateOnly);

    /// <summary>Reads the <c>DwellResets</c> column (absent or empty: none).</summary>
    public static IReadOnlyDictionary<string, DateOnly>? DecodeResets(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, AppJson.Default.IReadOnlyDictionaryStringDateOnly);

    /// <summary>Reads an account entity.</summary>
    public static AccountRecord FromEntity(TableEntity entity)
    {
        var accountId = entity.GetString("AccountId") ?? AccountKeys.AccountIdOf(entity.RowKey);
        var profile = new AccountProfileData(entity.GetString("Name"), entity.GetString("Segment"), entity.GetString("LifecycleStage"),
            entity.GetDouble("Arr"), ParseDay(entity.GetString("RenewalDate")), entity.GetString("Owner"));
        return new AccountRecord(accountId, profile, ReadState(entity), entity.GetInt64("StateVersion") ?? 0,
            entity.GetDateTimeOffset("LastSignalAt"), ReadScore(entity), entity.ETag,
            ReadCsm(entity.GetString("Pulse"), entity.GetString("Override")), entity.GetDateTimeOffset("ProfileUpdatedAt"))
        {
            Paged = PagedMonths.Decode(entity.GetString("Paged")),
            DwellResets = DecodeResets(entity.GetString("DwellResets")),
        };
    }

    /// <summary>
    /// Sets the <c>Pulse</c> and <c>Override</c> columns; an unset one is written as "" (not left out), so a merge clears it.
    /// </summary>
    public static TableEntity SetCsm(TableEntity entity, CsmInputs? csm)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity["Pulse"] = csm?.Pulse is { } p ? JsonSerializer.Serialize(p, AppJson.Default.CsmPulse) : "";
        entity["Override"] = csm?.Override is { } o ? JsonSerializer.Serialize(o, AppJson.Default.ManualOverride) : "";
        return entity;
    }

    /// <summary>Reads the <c>Pulse</c> and <c>Override</c> columns (absent or empty: none).</summary>
    public static CsmInputs ReadCsm(string? pulse, string? manualOverride) =>
        string.IsNullOrEmpty(pulse) && string.IsNullOrEmpty(manualOverride)
            ? CsmInputs.None
            : new CsmInputs(
                string.IsNullOrEmpty(pulse) ? null : JsonSerializer.Deserialize(pulse, AppJson.Default.CsmPulse),
                string.IsNullOrEmpty(manualOverride) ? null : JsonSerializer.Deserialize(manualOverride, AppJson.Default.ManualOverride));

    /// <summary>
    /// Reads the scoring columns of an account row whose state is in one chunk (see <see cref="AccountScoringRow"/>); the
    /// profile holds only what scoring reads (segment and lifecycle stage).
    /// </summary>
    public static AccountRecord FromScoringRow(AccountScoringRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.StateChunks > 1)
        {
            throw new ArgumentException($"Account row {row.RowKey} holds its state in {row.StateChunks} chunks; read it whole.", nameof(row));
        }

        var state = row.StateChunks is null or 0 ? StoredSignalState.Empty
            : new StoredSignalState(row.S0 ?? throw new InvalidDataException($"Account row {row.RowKey} lacks S0."));
        var profile = AccountProfileData.Empty with { Segment = row.Segment, LifecycleStage = row.LifecycleStage };
        var score = ReadScore(row.ScoredDay, row.ResultZ, row.PrevResultZ, row.ScoredStateVersion, row.ComputedAt, row.Recent, row.PublishedKinds, row.Dwells);
        return new AccountRecord(AccountKeys.AccountIdOf(row.RowKey), profile, state, row.StateVersion ?? 0, null, score, row.ETag,
            ReadCsm(row.Pulse, row.Override))
        {
            Paged = PagedMonths.Decode(row.Paged),
            DwellResets = DecodeResets(row.DwellResets),
        };
    }

    private static ScoreSnapshot? ReadScore(TableEntity entity) => ReadScore(entity.GetString("ScoredDay"), entity.GetBinary("ResultZ"),
        entity.GetBinary("PrevResultZ"), entity.GetInt64("ScoredStateVersion"), entity.GetDateTimeOffset("ComputedAt"),
        entity.GetString("Recent"), entity.GetString("PublishedKinds"), entity.GetString("Dwells"));

    private static ScoreSnapshot? ReadScore(string? scoredDay, byte[]? resultZ, byte[]? prevResultZ, long? scoredStateVersion,
        DateTimeOffset? computedAt, string? recent, string? publishedKinds, string? dwells)
    {
        if (ParseDay(scoredDay) is not { } day || resultZ is null)
        {
            return null;
        }

        var previous = prevResultZ is null ? null : StoredResult.FromEncoded(prevResultZ);
        var kinds = publishedKinds is { Length: > 0 } k ? k.Split(',') : [];
        return new ScoreSnapshot(day, StoredResult.FromEncoded(resultZ), scoredStateVersion ?? 0, computedAt ?? default, previous,
            DecodeRecent(recent), kinds)
        {
            Dwells = string.IsNullOrEmpty(dwells) ? [] : JsonSerializer.Deserialize(dwells, AppJson.Default.IReadOnlyListString) ?? [],
        };
    }

    private static StoredSignalState ReadState(TableEntity entity)
    {
        var chunks = entity.GetInt32("StateChunks") ?? 0;
        if (chunks == 0)
        {
            return StoredSignalState.Empty;
        }

        if (chunks == 1)
        {
            return new StoredSignalState(entity.GetBinary("S0") ?? throw new InvalidDataException($"Account row {entity.RowKey} lacks S0."));
        }

        using var all = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var part = entity.GetBinary("S" + i.ToString(CultureInfo.InvariantCulture))
                ?? throw new InvalidDataException($"Account row {entity.RowKey} lacks state chunk {i}.");
            all.Write(part);
        }

        return new StoredSignalState(all.ToArray());
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDay(string? s) =>
        s is not null && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    // Recent series: "dayNumber=score=tier" joined by ';' (score and tier may be empty).
    private static string EncodeRecent(IReadOnlyList<ScorePoint> recent)
    {
        var sb = new StringBuilder(recent.Count * 16);
        foreach (var p in recent)
        {
            if (sb.Length > 0)
            {
                sb.Append(';');
            }

            sb.Append(p.Day.DayNumber.ToString(CultureInfo.InvariantCulture)).Append('=')
                .Append(p.Score?.ToString("R", CultureInfo.InvariantCulture)).Append('=')
                .Append(p.Tier?.ToString());
        }

        return sb.ToString();
    }

    private static List<ScorePoint> DecodeRecent(string? s)
    {
        var list = new List<ScorePoint>();
        if (string.IsNullOrEmpty(s))
        {
            return list;
        }

        foreach (var part in s.Split(';'))
        {
            var fields = part.Split('=');
            if (fields.Length == 3 && int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dayNumber))
            {
                double? score = double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
                HealthTier? tier = Enum.TryParse<HealthTier>(fields[2], out var t) ? t : null;
                list.Add(new ScorePoint(DateOnly.FromDayNumber(dayNumber), score, tier));
            }
        }

        return list;
    }
}

using Azure;
using Azure.Data.Tables;

namespace HealthFunctions.Storage;

/// <summary>
/// The columns of an account row that scoring reads, as a typed entity: what a full rescore fetches for every account,
/// so the SDK fills plain properties (binary state straight into a byte array) instead of a dictionary per row.
/// Only the first state chunk is read; the rare row whose state spans more (<see cref="StateChunks"/> &gt; 1) is read again whole.
/// </summary>
public sealed class AccountScoringRow : ITableEntity
{
    /// <summary>The columns to select (with $select the service returns the keys only when asked).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        nameof(PartitionKey), nameof(RowKey), nameof(Segment), nameof(LifecycleStage), nameof(StateVersion), nameof(StateChunks), nameof(S0), nameof(Paged),
        nameof(ScoredDay), nameof(ScoredStateVersion), nameof(ComputedAt), nameof(ResultZ), nameof(PrevResultZ), nameof(Recent), nameof(PublishedKinds),
        nameof(Dwells), nameof(Pulse), nameof(Override), nameof(DwellResets),
    ];

    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";

    /// <inheritdoc />
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>Picks the segment's model.</summary>
    public string? Segment { get; set; }

    /// <summary>Picks the stage's weights.</summary>
    public string? LifecycleStage { get; set; }

    /// <summary>Version of the signal state.</summary>
    public long? StateVersion { get; set; }

    /// <summary>How many binary properties hold the state.</summary>
    public int? StateChunks { get; set; }

    /// <summary>The first (usually only) chunk of the state.</summary>
    public byte[]? S0 { get; set; }

    /// <summary>The months stored in month rows (<see cref="PagedMonths"/>), if any.</summary>
    public string? Paged { get; set; }

    /// <summary>Day of the stored score (yyyy-MM-dd).</summary>
    public string? ScoredDay { get; set; }

    /// <summary>State version the stored score was computed from.</summary>
    public long? ScoredStateVersion { get; set; }

    /// <summary>When the stored score was computed.</summary>
    public DateTimeOffset? ComputedAt { get; set; }

    /// <summary>The stored result (compressed).</summary>
    public byte[]? ResultZ { get; set; }

    /// <summary>The baseline result (compressed).</summary>
    public byte[]? PrevResultZ { get; set; }

    /// <summary>Recent score series.</summary>
    public string? Recent { get; set; }

    /// <summary>Transition keys published for the scored day.</summary>
    public string? PublishedKinds { get; set; }

    /// <summary>Dwell episodes already published (JSON array of keys).</summary>
    public string? Dwells { get; set; }

    /// <summary>Dwell clock restarts by playbook (JSON object).</summary>
    public string? DwellResets { get; set; }

    /// <summary>The CSM pulse (JSON; empty or absent when none).</summary>
    public string? Pulse { get; set; }

    /// <summary>The manual override (JSON; empty or absent when none).</summary>
    public string? Override { get; set; }
}

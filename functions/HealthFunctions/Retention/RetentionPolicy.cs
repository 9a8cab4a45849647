using System.Globalization;
using Azure.Data.Tables;
using HealthFunctions.Audit;
using HealthFunctions.Hosting;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Retention;

/// <summary>
/// What the daily cleanup removes, and from when on (docs/deploy.md has the table, with the reasons):
/// <list type="bullet">
/// <item>dedupe markers (accounts table, <c>e|</c> rows) once no signal of their age can be accepted any more: older than
/// the signal retention (the backfill window) plus <see cref="MarkerMargin"/> (a signal may be stamped up to a day ahead);</item>
/// <item>webhook replay-guard claims once their delivery's signed timestamp is out of the tolerance both ways, plus <see cref="ClaimMargin"/>;</item>
/// <item>finished jobs older than JobRetentionDays (their blobs go by the storage lifecycle rule of the same age);</item>
/// <item>parked and partial deliveries not touched for ParkedRetentionDays;</item>
/// <item>audit entries older than AuditRetentionDays;</item>
/// <item>on the local bus, message ids sent more than a day before the duplicate window.</item>
/// </list>
/// Rows without a TTL in Table Storage; blobs are the storage account's lifecycle rules' (infra/modules/storage.bicep).
/// </summary>
public sealed class RetentionPolicy(TableNames names, IOptions<PipelineOptions> options, HostingMode mode)
{
    /// <summary>Kept beyond the signal retention before a dedupe marker goes.</summary>
    public static readonly TimeSpan MarkerMargin = TimeSpan.FromDays(2);

    /// <summary>Kept beyond twice the webhook tolerance before a replay claim goes.</summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromHours(1);

    /// <summary>The sweeps as of <paramref name="now"/>.</summary>
    public IReadOnlyList<RetentionSweep> Sweeps(DateTimeOffset now)
    {
        var o = options.Value;
        var markers = now - TimeSpan.FromDays(o.SignalRetentionDays) - MarkerMargin;
        var claims = now - (2 * TimeSpan.FromSeconds(o.WebhookToleranceSeconds)) - ClaimMargin;
        var jobs = now - TimeSpan.FromDays(o.JobRetentionDays);
        var parked = now - TimeSpan.FromDays(o.ParkedRetentionDays);
        var audit = now - TimeSpan.FromDays(o.AuditRetentionDays);
        var sweeps = new List<RetentionSweep>
        {
            new("event-markers", names.Accounts, cutoff => [.. Enumerable.Range(0, AccountKeys.ShardCount).Select(i => TableClient.CreateQueryFilter(
                $"PartitionKey eq {AccountKeys.ShardName(i)} and RowKey ge {AccountKeys.EventPrefix} and RowKey lt {EventEnd} and At lt {cutoff}"))], markers),
            new("replay-claims", names.WebhookDeliveries, cutoff => [TableClient.CreateQueryFilter($"ClaimedAt lt {cutoff}")], claims),
            new("jobs", names.Jobs, cutoff => [TableClient.CreateQueryFilter(
                $"PartitionKey eq {"job"} and RowKey lt {cutoff.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)} and (Status eq {"succeeded"} or Status eq {"failed"} or Status eq {"timedout"})")], jobs),
            new("parked-deliveries", names.WebhookParked, cutoff => [TableClient.CreateQueryFilter($"UpdatedAt lt {cutoff}")], parked),
            new("audit", names.Audit, cutoff => [TableClient.CreateQueryFilter($"RowKey gt {AuditTrail.RowKey(cutoff)[..19] + "~"}")], audit),
        };
        if (mode.UsesLocalBus)
        {
            var ids = now - LocalTopicSender.DuplicateWindow - TimeSpan.FromDays(1);
            sweeps.Add(new("local-bus-ids", names.LocalBusMessageIds, cutoff => [TableClient.CreateQueryFilter($"SentAt lt {cutoff} and State eq {"sent"}")], ids));
        }

        return sweeps;
    }

    private static readonly string EventEnd = AccountKeys.EventPrefix[..^1] + (char)(AccountKeys.EventPrefix[^1] + 1);
}

using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>
/// Durable jobs: one row each in the {prefix}jobs table (partition "job", row key the time-ordered id) for request,
/// status, attempts, heartbeat and progress, every change guarded by the row's ETag; and in the {prefix}-jobs container
/// a draft model posted with a job ({id}/model.json) and a finished job's result ({id}/result.json) and HTML report
/// ({id}/report.html). A process that stops loses nothing: RunJobs finds the job again (docs/calibration.md, "Jobs").
/// At most MaxQueuedJobsPerKind jobs of one kind wait at once: a queued job holds one of that many slot rows (partition
/// "slot-{kind}", row key the slot number, claimed by insert), given back when its runner starts it.
/// </summary>
public sealed class JobStore(TableServiceClient tables, BlobServiceClient blobs, TableNames names, IOptions<PipelineOptions> options, TimeProvider clock)
{
    private const string Partition = "job";

    /// <summary>A slot whose job row is missing this long is taken to belong to a submission that died before writing it.</summary>
    private static readonly TimeSpan OrphanSlotAge = TimeSpan.FromMinutes(2);

    private const int MaxErrorLength = 4000;
    private readonly TableClient _table = tables.GetTableClient(names.Jobs);
    private readonly BlobContainerClient _files = blobs.GetBlobContainerClient(names.JobFiles);

    /// <summary>
    /// Queues a job (a draft model is stored first, so a queued job always has it), if one of its kind's slots is free;
    /// throws <see cref="JobQueueFullException"/> otherwise.
    /// </summary>
    public async Task<JobRecord> CreateAsync(JobRequest request, string? draftJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMddHHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var slot = await ClaimSlotAsync(request.Kind, id, cancellationToken).ConfigureAwait(false)
            ?? throw new JobQueueFullException(request.Kind, options.Value.MaxQueuedJobsPerKind);
        try
        {
            return await InsertAsync(id, request, draftJson, now, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseSlotAsync(slot, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Gives back the queue slot a job held, once it left the queue (best effort: a slot whose job is no longer queued is taken over anyway).</summary>
    public async Task ReleaseSlotAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await foreach (var slot in _table.QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {SlotPartition(job.Request.Kind)} and JobId eq {job.Id}"), 100, ["PartitionKey", "RowKey"], cancellationToken)
                               .ConfigureAwait(false))
            {
                await ReleaseSlotAsync(slot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Errors.ProblemResults.IsStorageFault(e))
        {
            // The slot stays until a submission finds its job no longer queued and takes it over.
        }
    }

    private async Task<JobRecord> InsertAsync(string id, JobRequest request, string? draftJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Model == ModelSource.Draft)
        {
            await Blob(id, "model.json").UploadAsync(BinaryData.FromString(draftJson ?? throw new ArgumentNullException(nameof(draftJson))), Upload("application/json"), cancellationToken)
                .ConfigureAwait(false);
        }

        var job = new JobRecord(id, request, JobStatus.Queued, now, null, null, null, 0, null, null, null, null, default);
        var response = await _table.AddEntityAsync(ToEntity(job), cancellationToken).ConfigureAwait(false);
        return job with { ETag = response.Headers.ETag ?? default };
    }

    /// <summary>One job, or null.</summary>
    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <summary>The newest jobs first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<JobRecord>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var all = new List<JobRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), 1000, null, cancellationToken).ConfigureAwait(false))
        {
            all.Add(FromEntity(e));
        }

        return all.OrderByDescending(j => j.Id, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>Queued and running jobs, oldest first.</summary>
    public async Task<IReadOnlyList<JobRecord>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and (Status eq {Name(JobStatus.Queued)} or Status eq {Name(JobStatus.Running)})");
        var list = new List<JobRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, 1000, null, cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(e));
        }

        return list.OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The newest job that succeeded (of <paramref name="kind"/>, when given), or null.</summary>
    public async Task<JobRecord?> LatestSucceededAsync(JobKind? kind, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {Name(JobStatus.Succeeded)}");
        if (kind is { } k)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {Name(k)}");
        }

        JobRecord? latest = null;
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, 1000, null, cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || string.CompareOrdinal(e.RowKey, latest.Id) > 0)
            {
                latest = FromEntity(e);
            }
        }

        return latest;
    }

    /// <summary>Writes a changed job under its ETag; returns it with the new ETag. A 412 means another runner changed it first.</summary>
    public async Task<JobRecord> UpdateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var response = await _table.UpdateEntityAsync(ToEntity(job), job.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return job with { ETag = response.Headers.ETag ?? default };
    }

    /// <summary>The draft model posted with a job.</summary>
    public async Task<string?> ReadDraftAsync(string id, CancellationToken cancellationToken) => await ReadAsync(id, "model.json", cancellationToken).ConfigureAwait(false);

    /// <summary>Stores a job's result (JSON) and report (HTML), before the job is marked finished.</summary>
    public async Task WriteResultAsync(string id, string resultJson, string reportHtml, CancellationToken cancellationToken)
    {
        await Blob(id, "result.json").UploadAsync(BinaryData.FromString(resultJson), Upload("application/json"), cancellationToken).ConfigureAwait(false);
        await Blob(id, "report.html").UploadAsync(BinaryData.FromString(reportHtml), Upload("text/html; charset=utf-8"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A finished job's result JSON, or null.</summary>
    public Task<string?> ReadResultAsync(string id, CancellationToken cancellationToken) => ReadAsync(id, "result.json", cancellationToken);

    /// <summary>A finished job's HTML report, or null.</summary>
    public Task<string?> ReadReportAsync(string id, CancellationToken cancellationToken) => ReadAsync(id, "report.html", cancellationToken);

    private static string SlotPartition(JobKind kind) => "slot-" + Name(kind);

    /// <summary>Claims a free slot of <paramref name="kind"/> for job <paramref name="id"/>: a new one, or one whose job is no longer queued; null when all are held.</summary>
    private async Task<TableEntity?> ClaimSlotAsync(JobKind kind, string id, CancellationToken cancellationToken)
    {
        var partition = SlotPartition(kind);
        var held = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), 1000, null, cancellationToken).ConfigureAwait(false))
        {
            held[e.RowKey] = e;
        }

        for (var n = 0; n < options.Value.MaxQueuedJobsPerKind; n++)
        {
            var key = n.ToString("D4", CultureInfo.InvariantCulture);
            var slot = new TableEntity(partition, key) { ["JobId"] = id, ["ClaimedAt"] = clock.GetUtcNow() };
            try
            {
                if (!held.TryGetValue(key, out var current))
                {
                    await _table.AddEntityAsync(slot, cancellationToken).ConfigureAwait(false);
                    return slot;
                }

                if (await IsStaleAsync(current, cancellationToken).ConfigureAwait(false))
                {
                    await _table.UpdateEntityAsync(slot, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return slot;
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another submission took this slot first: try the next.
            }
        }

        return null;
    }

    /// <summary>A slot is free again once its job has left the queue (or never got written).</summary>
    private async Task<bool> IsStaleAsync(TableEntity slot, CancellationToken cancellationToken)
    {
        var job = await GetAsync(slot.GetString("JobId") ?? "", cancellationToken).ConfigureAwait(false);
        return job is null
            ? clock.GetUtcNow() - (slot.GetDateTimeOffset("ClaimedAt") ?? default) > OrphanSlotAge
            : job.Status != JobStatus.Queued;
    }

    private async Task ReleaseSlotAsync(TableEntity slot, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(slot.PartitionKey, slot.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>True when <paramref name="id"/> has the form of a job id (so it is safe as a key and a blob name).</summary>
    public static bool IsId(string? id) =>
        id is { Length: 26 } && id[17] == '-' && id.Where((c, i) => i != 17).All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private async Task<string?> ReadAsync(string id, string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(id, name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Blob(string id, string name) => _files.GetBlobClient($"{id}/{name}");

    private static BlobUploadOptions Upload(string contentType) => new() { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static TableEntity ToEntity(JobRecord job)
    {
        var r = job.Request;
        var entity = new TableEntity(Partition, job.Id)
        {
            ["Kind"] = Name(r.Kind),
            ["LeadDays"] = string.Join(',', r.LeadDays.Select(d => d.ToString(CultureInfo.InvariantCulture))),
            ["Model"] = Name(r.Model),
            ["Status"] = Name(job.Status),
            ["CreatedAt"] = job.CreatedAt,
            ["Attempts"] = job.Attempts,
        };
        entity.SetIfNotNull("ModelVersion", r.ModelVersion)
            .SetIfNotNull("From", r.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .SetIfNotNull("To", r.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .SetIfNotNull("StartedAt", job.StartedAt)
            .SetIfNotNull("HeartbeatAt", job.HeartbeatAt)
            .SetIfNotNull("FinishedAt", job.FinishedAt)
            .SetIfNotNull("Owner", job.Owner)
            .SetIfNotNull("Stage", job.Progress?.Stage)
            .SetIfNotNull("Done", job.Progress?.Done)
            .SetIfNotNull("Total", job.Progress?.Total)
            .SetIfNotNull("Error", job.Error is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : job.Error)
            .SetIfNotNull("ProposedVersion", job.ProposedVersion);
        return entity;
    }

    private static JobRecord FromEntity(TableEntity e)
    {
        static T Parse<T>(string? text) where T : struct, Enum =>
            Enum.TryParse<T>(text, ignoreCase: true, out var v) ? v : throw new InvalidDataException($"Unknown {typeof(T).Name} '{text}' in a job row.");
        static DateOnly? Day(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var request = new JobRequest(
            Parse<JobKind>(e.GetString("Kind")),
            (e.GetString("LeadDays") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList(),
            Parse<ModelSource>(e.GetString("Model")),
            e.GetString("ModelVersion"),
            Day(e.GetString("From")),
            Day(e.GetString("To")));
        var progress = e.GetString("Stage") is { } stage ? new JobProgress(stage, e.GetInt32("Done") ?? 0, e.GetInt32("Total") ?? 0) : null;
        return new JobRecord(e.RowKey, request, Parse<JobStatus>(e.GetString("Status")), e.GetDateTimeOffset("CreatedAt") ?? default,
            e.GetDateTimeOffset("StartedAt"), e.GetDateTimeOffset("HeartbeatAt"), e.GetDateTimeOffset("FinishedAt"), e.GetInt32("Attempts") ?? 0,
            e.GetString("Owner"), progress, e.GetString("Error"), e.GetString("ProposedVersion"), e.ETag);
    }
}

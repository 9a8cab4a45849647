using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HealthFunctions.Ingestion;
using HealthFunctions.Outcomes;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using HealthFunctions.Tests.Support;
using HealthFunctions.Webhooks;
using HealthScoring.Calibration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthFunctions.Tests.Fuzz;

/// <summary>The app a fuzz run drives, and ways to read back what it stored.</summary>
public sealed class FuzzRun(PipelineApp app)
{
    public PipelineApp App { get; } = app;

    public DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Webhook deliveries answered 2xx so far (source, delivery id).</summary>
    public HashSet<(string Source, string DeliveryId)> DeliveryIds { get; } = [];

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Every signal stored, over all accounts (the sum of the daily buckets' counts).</summary>
    public async Task<long> StoredSignalsAsync()
    {
        long total = 0;
        await foreach (var page in Service<AccountStore>().ScanAsync(CancellationToken.None))
        {
            total += page.Select(a => a.State.Decode()).Sum(s => s.Metrics.Sum(m => s.Buckets(m).Sum(b => (long)b.Count)));
        }

        return total;
    }

    /// <summary>An account's profile as text, or a fixed text for an id that cannot be a key.</summary>
    public async Task<string> ProfileAsync(string accountId)
    {
        if (SignalParser.AccountIdProblem(accountId) is not null)
        {
            return "(not an account id)";
        }

        var p = (await Service<AccountStore>().GetAsync(accountId, CancellationToken.None))?.Profile;
        return p is null ? "(none)" : string.Join('|', p.Name, p.Segment, p.LifecycleStage,
            p.Arr?.ToString("R", CultureInfo.InvariantCulture), p.RenewalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Owner);
    }

    public async Task<List<RenewalOutcome>> OutcomesAsync()
    {
        var list = new List<RenewalOutcome>();
        await foreach (var o in Service<OutcomeStore>().ScanAsync(CancellationToken.None))
        {
            list.Add(o);
        }

        return list;
    }

    /// <summary>The version in the stored active model, or "(baseline)" before any activation.</summary>
    public async Task<string> ActiveModelAsync()
    {
        var blob = Service<BlobServiceClient>().GetBlobContainerClient(Service<TableNames>().Models).GetBlobClient(ModelStore.ActiveBlob);
        if (!(await blob.ExistsAsync()).Value)
        {
            return "(baseline)";
        }

        return HealthScoring.HealthModelLoader.Load((await blob.DownloadContentAsync()).Value.Content.ToString()).Version;
    }

    /// <summary>History rows, all of them or those of one day.</summary>
    public async Task<int> HistoryRowsAsync(DateOnly? day = null)
    {
        var table = Service<TableServiceClient>().GetTableClient(Service<TableNames>().History);
        var text = day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["Day"]))
        {
            count += text is null || row.GetString("Day") == text ? 1 : 0;
        }

        return count;
    }

    public async Task<int> TasksAsync()
    {
        var count = 0;
        await foreach (var _ in Service<TaskStore>().ListAsync(null, null, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>The archived body of a delivery received today, or null.</summary>
    public async Task<byte[]?> ArchivedAsync(string source, string deliveryId) =>
        (await Service<WebhookArchive>().ReadAsync(WebhookArchive.BlobName(source, Today, deliveryId), CancellationToken.None))?.ToArray();

    public Task<ParkedDelivery?> ParkedAsync(string source, string deliveryId) =>
        Service<ParkedDeliveries>().GetAsync(source, deliveryId, CancellationToken.None);

    /// <summary>Creates the accounts and tasks that PATCH, pulse and override cases address (<see cref="FuzzTargets.KnownAccounts"/>).</summary>
    public async Task SeedAsync()
    {
        for (var i = 0; i < FuzzTargets.KnownAccounts.Length; i++)
        {
            var id = FuzzTargets.KnownAccounts[i];
            await Service<AccountStore>().PutProfileAsync(id, new AccountProfileData("Known " + i, "Enterprise", "mature", 100_000, null, "dana"), CancellationToken.None);
            await Service<TaskStore>().CreateAsync(new PlaybookTaskRecord(FuzzTargets.KnownTasks[i], id, "red-recovery", "Call the sponsor", "csm", "dana",
                Today.AddDays(7), "open", "tier-drop", "sc-fuzz-" + i, App.Clock.GetUtcNow(), Notified: false, []), CancellationToken.None);
        }
    }

    /// <summary>An account's pulse and override as JSON (as the API answers them), or a fixed text for an id that cannot be a key.</summary>
    public async Task<string> CsmAsync(string accountId)
    {
        if (SignalParser.AccountIdProblem(accountId) is not null)
        {
            return "(not an account id)";
        }

        var csm = (await Service<AccountStore>().GetAsync(accountId, CancellationToken.None))?.Csm ?? CsmInputs.None;
        string Json<T>(T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) => value is null ? "" : System.Text.Json.JsonSerializer.Serialize(value, info);
        return Json(csm.Pulse, AppJson.Default.CsmPulse) + "|" + Json(csm.Override, AppJson.Default.ManualOverride);
    }

    /// <summary>A task's status, owner and note, or "(none)".</summary>
    public async Task<string> TaskAsync(string taskId)
    {
        await foreach (var t in Service<TaskStore>().ListAsync(null, null, CancellationToken.None))
        {
            if (t.TaskId == taskId)
            {
                return string.Join('|', t.Status, t.Owner, t.Note);
            }
        }

        return "(none)";
    }
}

using System.Diagnostics;
using Azure.Data.Tables;
using HealthFunctions.Rescoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Azure.Messaging.ServiceBus;
using HealthFunctions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Bench;

/// <summary>
/// The full rescore exactly as the timer runs it: the app's own services and client registrations, with a request
/// counter added to the table client's options.
/// </summary>
public static class RescoreRun
{
    /// <summary>Runs RescoreAllAsync once; returns the JSON line.</summary>
    public static async Task<string> RunAsync(string connectionString, string prefix, DateOnly asOf, int parallelism)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.HealthStorage] = connectionString,
            [SettingNames.StoragePrefix] = prefix,
            [SettingNames.RescoreParallelism] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHealthFunctions(new HostingMode(IsLocalRunner: true, UsesLocalBus: true));
        var counter = new RequestCounter();
        var sender = new CountingSender();
        // The app registers its TableServiceClient through Microsoft.Extensions.Azure under the default name; its options
        // are named options of that name.
        builder.Services.Configure<TableClientOptions>("Default", counter.AddTo);
        builder.Services.AddSingleton<ServiceBusSender>(sender);
        using var host = builder.Build();

        var service = host.Services.GetRequiredService<RescoreService>();
        var cpu = Bench.Cpu();
        var started = Stopwatch.StartNew();
        var summary = await service.RescoreAllAsync(asOf, CancellationToken.None);
        started.Stop();
        var cpuMs = Bench.CpuMsSince(cpu);
        if (summary.Scored != summary.Accounts || summary.Accounts == 0)
        {
            throw new BenchFailedException($"rescore scored {summary.Scored} of {summary.Accounts} accounts; expected all of them (was the day already scored?)");
        }

        if (counter.Count == 0)
        {
            throw new BenchFailedException("the request counter saw no table request: it is not on the app's table client");
        }

        return Bench.Json(("command", "rescore"), ("accounts", summary.Accounts), ("ms", started.ElapsedMilliseconds), ("cpu_ms", cpuMs),
            ("requests", counter.Count), ("messages", sender.Messages), ("bus_requests", sender.Requests),
            ("transitions", summary.Transitions), ("peak_ws_mib", Bench.PeakWorkingSetMiB()));
    }

    /// <summary>Stands in for the Service Bus topic: counts what would be sent (not a storage request).</summary>
    private sealed class CountingSender : ServiceBusSender
    {
        private long _messages;
        private long _requests;

        public override string EntityPath => "score-changes";

        public long Messages => Interlocked.Read(ref _messages);

        public long Requests => Interlocked.Read(ref _requests);

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ServiceBusModelFactory.ServiceBusMessageBatch(256 * 1024, new List<ServiceBusMessage>(), new CreateMessageBatchOptions()));

        public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _messages, messageBatch.Count);
            Interlocked.Increment(ref _requests);
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The raw I/O floor of a full rescore with the same client (Azure.Data.Tables, the app's retry options): read every
/// account row, state included, in pages of 1,000 (the client's plain way: <see cref="TableEntity"/>, every column) and
/// merge one small score entity into each, 100 to a transaction, as many transactions in flight as the rescore's
/// parallelism. No decoding, scoring, history or messages. With <c>scoringColumns</c>, it reads the rows exactly as the
/// rescore does instead (the scoring columns into <see cref="AccountScoringRow"/>).
/// </summary>
public static class RescoreFloor
{
    /// <summary>Runs the floor once; returns the JSON line.</summary>
    public static async Task<string> RunAsync(string connectionString, string prefix, int parallelism, bool scoringColumns)
    {
        var counter = new RequestCounter();
        var names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = prefix }));
        var table = counter.TableService(connectionString).GetTableClient(names.Accounts);
        var cpu = Bench.Cpu();
        var started = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var accounts = 0;
        var pages = scoringColumns
            ? table.QueryAsync<AccountScoringRow>(AccountStore.AccountRowsFilter, 1000, AccountScoringRow.Columns).AsPages()
                .Select(p => p.Values.Select(r => (r.PartitionKey, r.RowKey)).ToList())
            : table.QueryAsync<TableEntity>(AccountStore.AccountRowsFilter, 1000).AsPages()
                .Select(p => p.Values.Select(e => (e.PartitionKey, e.RowKey)).ToList());
        await foreach (var keys in pages)
        {
            accounts += keys.Count;
            foreach (var group in keys.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
            {
                await Bench.ThrottleAsync(inFlight, parallelism);
                var actions = group.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertMerge,
                    new TableEntity(e.PartitionKey, e.RowKey) { ["FloorScore"] = 50.0, ["FloorTier"] = "Red" })).ToList();
                inFlight.Add(table.SubmitTransactionAsync(actions));
            }
        }

        await Task.WhenAll(inFlight);
        started.Stop();
        return Bench.Json(("command", scoringColumns ? "rescore-floor-columns" : "rescore-floor"), ("accounts", accounts), ("ms", started.ElapsedMilliseconds), ("cpu_ms", Bench.CpuMsSince(cpu)),
            ("requests", counter.Count), ("peak_ws_mib", Bench.PeakWorkingSetMiB()));
    }
}

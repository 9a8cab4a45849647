// Table client benchmark, the C# side: batch-insert N entities over P partitions (100 per transaction,
// C transactions in flight), then read them all back with one full-table query, then drop its tables (untimed).
// Prints one JSON line.
// Usage: TablesBench <connectionString> <table> <entities> <partitions> <concurrency>
using System.Diagnostics;
using System.Globalization;
using HealthFunctions.Storage.Tables;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: TablesBench <connectionString> <table> <entities> <partitions> <concurrency>");
    return 2;
}

var (connectionString, tableName) = (args[0], args[1]);
var entities = int.Parse(args[2], CultureInfo.InvariantCulture);
var partitions = int.Parse(args[3], CultureInfo.InvariantCulture);
var concurrency = int.Parse(args[4], CultureInfo.InvariantCulture);
var perPartition = entities / partitions;

var table = new TableServiceClient(connectionString).GetTableClient(tableName);
await table.CreateIfNotExistsAsync();
var baseTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

// Each work item is one transaction of up to 100 entities in one partition.
var batches = new List<(int Partition, int Start, int Count)>();
for (var p = 0; p < partitions; p++)
{
    for (var start = 0; start < perPartition; start += 100)
    {
        batches.Add((p, start, Math.Min(100, perPartition - start)));
    }
}

// Warm-up outside the timed section (both sides do the same): JIT, connection pool, first-request costs.
var warmup = new TableServiceClient(connectionString).GetTableClient(tableName + "warm");
await warmup.CreateIfNotExistsAsync();
for (var w = 0; w < 20; w++)
{
    await warmup.SubmitTransactionAsync(Enumerable.Range(0, 100)
        .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"w{w}", $"r{i}") { ["N"] = i }))
        .ToArray());
}

await foreach (var _ in warmup.QueryPagesAsync())
{
}

var insert = Stopwatch.StartNew();
await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (batch, ct) =>
{
    var actions = new TableTransactionAction[batch.Count];
    for (var i = 0; i < batch.Count; i++)
    {
        var n = batch.Start + i;
        var entity = new TableEntity($"p{batch.Partition:D4}", $"r{n:D5}")
        {
            ["AccountId"] = $"acct-{batch.Partition}-{n}",
            ["Score"] = n % 100 + 0.5,
            ["Tier"] = n % 3 == 0 ? "Red" : "Green",
            ["Signals"] = n,
            ["UpdatedAt"] = baseTime.AddMinutes(n),
        };
        actions[i] = new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    await table.SubmitTransactionAsync(actions, ct);
});
insert.Stop();

var query = Stopwatch.StartNew();
long read = 0;
double checksum = 0;
await foreach (var page in table.QueryPagesAsync())
{
    foreach (var entity in page.Entities)
    {
        read++;
        checksum += entity.GetDouble("Score") ?? 0;
    }
}

query.Stop();
if (read != (long)perPartition * partitions)
{
    Console.Error.WriteLine($"read {read} entities, expected {perPartition * partitions}");
    return 1;
}

// Untimed: drop both tables so the next round meets an Azurite of the same size (its in-memory store slows as it grows).
await table.DeleteIfExistsAsync();
await warmup.DeleteIfExistsAsync();

Console.WriteLine(FormattableString.Invariant(
    $"{{\"side\":\"ours\",\"insert_ms\":{insert.Elapsed.TotalMilliseconds:F0},\"query_ms\":{query.Elapsed.TotalMilliseconds:F0},\"entities\":{read},\"checksum\":{checksum}}}"));
return 0;

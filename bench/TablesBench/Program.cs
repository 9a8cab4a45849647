// How the app reads account rows with Azure.Data.Tables, measured: the client CPU of turning a full rescore's pages
// of account rows (binary signal state, stored results) into AccountRecords, one way against another, on the same
// rows of one Azurite. Prints one JSON line per variant and round.
//   TablesBench <connectionString> <prefix> <rounds>      (the rows: PipelineBench seed <cs> <prefix> ...)
// Variants:
//   entity-all     QueryAsync<TableEntity>, every column (what a plain port reads)
//   entity-select  QueryAsync<TableEntity>, the scoring columns only ($select)
//   typed-select   QueryAsync<AccountScoringRow>, the scoring columns only (what AccountStore.ScanAsync does)
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using HealthFunctions.Bench;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: TablesBench <connectionString> <prefix> <rounds>");
    return 2;
}

var rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
var names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = args[1] }));
var counter = new RequestCounter();
var table = counter.TableService(args[0]).GetTableClient(names.Accounts);

var variants = new (string Name, Func<Task<(int Rows, long Bytes)>> Run)[]
{
    ("entity-all", () => ReadEntitiesAsync(null)),
    ("entity-select", () => ReadEntitiesAsync(EntitySelect())),
    ("typed-select", ReadTypedAsync),
};

foreach (var (_, run) in variants)
{
    await run(); // warm-up, untimed: JIT of each path, connections
}

for (var round = 0; round < rounds; round++)
{
    var order = round % 2 == 0 ? variants : variants.Reverse().ToArray();
    foreach (var (name, run) in order)
    {
        GC.Collect();
        var cpu = Bench.Cpu();
        var wall = Stopwatch.StartNew();
        var (rows, stateBytes) = await run();
        wall.Stop();
        Console.WriteLine(Bench.Json(("variant", name), ("round", round + 1), ("rows", rows), ("ms", wall.ElapsedMilliseconds),
            ("cpu_ms", Bench.CpuMsSince(cpu)), ("state_bytes", stateBytes)));
    }
}

return 0;

// The scoring columns plus the state chunks a TableEntity read needs to rebuild multi-chunk state.
static string[] EntitySelect() => [.. AccountScoringRow.Columns];

async Task<(int Rows, long Bytes)> ReadEntitiesAsync(string[]? select)
{
    var (rows, bytes) = (0, 0L);
    await foreach (var page in table.QueryAsync<TableEntity>(AccountStore.AccountRowsFilter, 1000, select).AsPages())
    {
        foreach (var entity in page.Values)
        {
            var record = AccountEntityMapper.FromEntity(entity);
            rows++;
            bytes += record.State.Length;
        }
    }

    return Check(rows, bytes);
}

async Task<(int Rows, long Bytes)> ReadTypedAsync()
{
    var (rows, bytes) = (0, 0L);
    await foreach (var page in table.QueryAsync<AccountScoringRow>(AccountStore.AccountRowsFilter, 1000, AccountScoringRow.Columns).AsPages())
    {
        foreach (var row in page.Values)
        {
            var record = AccountEntityMapper.FromScoringRow(row);
            rows++;
            bytes += record.State.Length;
        }
    }

    return Check(rows, bytes);
}

static (int Rows, long Bytes) Check(int rows, long bytes) =>
    rows > 0 && bytes > 0 ? (rows, bytes) : throw new BenchFailedException($"read {rows} rows with {bytes} state bytes: were the accounts seeded?");

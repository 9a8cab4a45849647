// Pipeline benchmarks: the full rescore and ingestion, each beside its raw storage floor, against one Azurite.
// Every command prints one JSON line on stdout (wall ms and the process's CPU ms among its figures);
// scripts/bench/rescore.sh and scripts/bench/ingest.sh combine them. Storage requests are counted by a policy added
// to the Azure.Data.Tables client options, the same client the app uses.
//
//   seed          <cs> <prefix> <accounts> <days> <asOf>      account rows with <days> days of the model's 10 base metrics
//   seed-tasks    <cs> <prefix> <tasks> <asOf>                playbook tasks through the app's TaskStore, one per seeded account
//   rescore       <cs> <prefix> <asOf> <parallelism>          RescoreService.RescoreAllAsync, as the timer runs it
//   rescore-floor <cs> <prefix> <parallelism>                 read every account row, batch-merge a score into each
//   rescore-floor-columns <cs> <prefix> <parallelism>         the same, reading only the columns the rescore reads
//   ingest        <baseUrl> <seconds> <concurrency> <pool> <appPid>  POST /api/signals, 100 signals (10 accounts x 10
//                                                            metrics) a post; CPU read from the app's process
//   ingest-floor  <cs> <prefix> <seconds> <concurrency> <pool> the same signals written straight to a table, one
//                                                            entity-group transaction per account, no read
using System.Globalization;
using HealthFunctions.Bench;

var culture = CultureInfo.InvariantCulture;
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: PipelineBench seed|seed-tasks|rescore|rescore-floor|ingest|ingest-floor ...");
    return 2;
}

try
{
    var line = args[0] switch
    {
        "seed" when args.Length == 6 => await Seeder.RunAsync(args[1], args[2], int.Parse(args[3], culture), int.Parse(args[4], culture), DateOnly.Parse(args[5], culture)),
        "seed-tasks" when args.Length == 5 => await TaskSeeder.RunAsync(args[1], args[2], int.Parse(args[3], culture), DateOnly.Parse(args[4], culture)),
        "rescore" when args.Length == 5 => await RescoreRun.RunAsync(args[1], args[2], DateOnly.Parse(args[3], culture), int.Parse(args[4], culture)),
        "rescore-floor" when args.Length == 4 => await RescoreFloor.RunAsync(args[1], args[2], int.Parse(args[3], culture), scoringColumns: false),
        "rescore-floor-columns" when args.Length == 4 => await RescoreFloor.RunAsync(args[1], args[2], int.Parse(args[3], culture), scoringColumns: true),
        "ingest" when args.Length == 6 => await IngestLoad.RunOursAsync(new Uri(args[1]), int.Parse(args[2], culture), int.Parse(args[3], culture),
            int.Parse(args[4], culture), int.Parse(args[5], culture)),
        "ingest-floor" when args.Length == 6 => await IngestLoad.RunFloorAsync(args[1], args[2], int.Parse(args[3], culture), int.Parse(args[4], culture), int.Parse(args[5], culture)),
        _ => null,
    };
    if (line is null)
    {
        Console.Error.WriteLine($"PipelineBench: wrong arguments for '{args[0]}' (see the header of bench/PipelineBench/Program.cs).");
        return 2;
    }

    Console.WriteLine(line);
    return 0;
}
catch (BenchFailedException e)
{
    Console.Error.WriteLine("PipelineBench: " + e.Message);
    return 1;
}

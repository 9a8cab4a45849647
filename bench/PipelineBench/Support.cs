using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Bench;

/// <summary>A benchmark that could not do its work (wrong data, failed requests): its figures would be meaningless.</summary>
public sealed class BenchFailedException(string message) : Exception(message);

/// <summary>Counts every HTTP request a client sends, retries included.</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    private long _count;

    /// <summary>Requests sent so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }

    /// <summary>A table service client whose requests this counter sees.</summary>
    public TableServiceClient TableService(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }
}

/// <summary>Small helpers shared by the commands.</summary>
public static class Bench
{
    /// <summary>Formats a JSON line from name/value pairs (numbers invariant, strings quoted).</summary>
    public static string Json(params (string Name, object Value)[] fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{Format(f.Value)}")) + "}";

    /// <summary>This process's peak working set in MiB.</summary>
    public static double PeakWorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.PeakWorkingSet64 / 1048576.0, 1);
    }

    /// <summary>Waits until fewer than <paramref name="limit"/> tasks are in flight, removing finished ones; a failed one throws at once.</summary>
    public static async Task ThrottleAsync(List<Task> inFlight, int limit)
    {
        while (inFlight.Count >= limit)
        {
            var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
            inFlight.Remove(done);
            await done.ConfigureAwait(false);
        }
    }

    private static string Format(object value) => value switch
    {
        string s => "\"" + s + "\"",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}

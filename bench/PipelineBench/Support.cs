using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using HealthFunctions.Hosting;

namespace HealthFunctions.Bench;

/// <summary>A benchmark that could not do its work (wrong data, failed requests): its figures would be meaningless.</summary>
public sealed class BenchFailedException(string message) : Exception(message);

/// <summary>Counts every HTTP request a client sends, retries included: a policy added to the client's options.</summary>
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

    /// <summary>Adds this counter to a client's options (per retry, so retried requests count too).</summary>
    public void AddTo(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
    }

    /// <summary>A table service client as the app builds it (the app's retry options), whose requests this counter sees.</summary>
    public TableServiceClient TableService(string connectionString)
    {
        var options = new TableClientOptions();
        AzureClients.Configure(options.Retry);
        AddTo(options);
        return new TableServiceClient(connectionString, options);
    }
}

/// <summary>Small helpers shared by the commands.</summary>
public static class Bench
{
    /// <summary>Formats a JSON line from name/value pairs (numbers invariant, strings quoted).</summary>
    public static string Json(params (string Name, object Value)[] fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{Format(f.Value)}")) + "}";

    /// <summary>CPU time this process has used so far (all threads, user and kernel).</summary>
    public static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Milliseconds of CPU used since <paramref name="start"/> (a <see cref="Cpu"/> reading).</summary>
    public static long CpuMsSince(TimeSpan start) => (long)(Cpu() - start).TotalMilliseconds;

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

using System.Text.Json;
using Azure;
using HealthFunctions.Errors;
using HealthFunctions.Settings;
using HealthScoring;
using HealthScoring.Calibration;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>
/// Runs queued backtest, calibration and activation preview jobs, one per call (RunJobs calls it on its timer). A job is claimed under its
/// row's ETag, so two runners never run the same attempt; while it runs, a heartbeat writes its progress every few
/// seconds. A runner that stops (a restart, a crash, a scale-in) stops its heartbeat: after <see cref="Lease"/> the next
/// run starts the job again from the beginning (every step is idempotent: the same outcomes give the same report and the
/// same proposal version), up to <see cref="MaxAttempts"/> attempts. A job that runs past the JobTimeoutMinutes setting is
/// stopped and marked timed out.
/// </summary>
public sealed partial class JobRunner(
    JobStore jobs,
    BacktestService backtests,
    Scoring.PreviewService previews,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    /// <summary>Attempts a job gets before it is marked failed.</summary>
    public const int MaxAttempts = 3;

    /// <summary>A running job whose heartbeat is older than this is taken to have lost its runner.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>How often a running job writes its heartbeat and progress.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Runs the oldest job of <paramref name="lane"/> that is due (queued, or running without a live runner); returns it as
    /// it finished, or null when none was due. A job of another lane is left to that lane's timer.
    /// </summary>
    public async Task<JobRecord?> RunNextAsync(JobLane lane, CancellationToken cancellationToken)
    {
        foreach (var candidate in (await jobs.UnfinishedAsync(cancellationToken).ConfigureAwait(false)).Where(j => JobLanes.Of(j.Request.Kind) == lane))
        {
            var now = clock.GetUtcNow();
            if (candidate.Status == JobStatus.Running && candidate.HeartbeatAt is { } beat && now - beat < Lease)
            {
                continue; // another runner is on it
            }

            JobRecord claimed;
            try
            {
                if (candidate.Attempts >= MaxAttempts)
                {
                    await jobs.UpdateAsync(candidate with
                    {
                        Status = JobStatus.Failed, FinishedAt = now, Owner = null,
                        Error = $"Its runner stopped before it finished, {candidate.Attempts} times; it is not started again.",
                    }, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                claimed = await jobs.UpdateAsync(candidate with
                {
                    Status = JobStatus.Running, Attempts = candidate.Attempts + 1, Owner = _owner, StartedAt = now, HeartbeatAt = now,
                    Progress = new JobProgress("starting", 0, 0), Error = null,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                continue; // another runner claimed it first
            }

            await jobs.ReleaseSlotAsync(claimed, cancellationToken).ConfigureAwait(false); // it left the queue: another may wait
            return await RunAsync(claimed, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<JobRecord> RunAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMinutes(options.Value.JobTimeoutMinutes);
        var deadline = job.StartedAt!.Value + timeout;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeout); // in real time too, whatever the clock says
        var sink = new ProgressSink(clock, deadline, stop);
        var holder = new JobHolder(job);
        var heartbeat = HeartbeatAsync(holder, sink, stop);
        LogStarted(logger, job.Id, job.Request.Kind, job.Attempts);
        JobStatus? status = null;
        string? error = null;
        string? proposed = null;
        try
        {
            proposed = await ExecuteAsync(job, sink, stop.Token).ConfigureAwait(false);
            status = JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !holder.Lost)
        {
            status = JobStatus.TimedOut;
            error = $"Stopped after {options.Value.JobTimeoutMinutes} minutes (setting {SettingNames.JobTimeoutMinutes.Replace(":", "__", StringComparison.Ordinal)}), at {sink.Latest.Stage} {sink.Latest.Done} of {sink.Latest.Total}.";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || holder.Lost)
        {
            // The host is stopping, or another runner took the job over: it is that runner's (or the next run's) now.
        }
        catch (Exception e) when (e is CalibrationDataException or ModelValidationException or NotFoundException or RequestValidationException)
        {
            status = JobStatus.Failed;
            error = e.Message;
        }
        catch (Exception e) when (ProblemResults.IsStorageFault(e) || e is OperationCanceledException)
        {
            // Storage failed under the job: queue it again, so the next run tries (the attempt counts).
            LogRetry(logger, e, job.Id);
            status = job.Attempts < MaxAttempts ? JobStatus.Queued : JobStatus.Failed;
            error = $"Storage failed during attempt {job.Attempts}: {e.Message}";
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException or FormatException)
        {
            LogFailed(logger, e, job.Id);
            status = JobStatus.Failed;
            error = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        if (status is not { } final || holder.Lost)
        {
            return holder.Job;
        }

        var finished = holder.Job with
        {
            Status = final, FinishedAt = final == JobStatus.Queued ? null : clock.GetUtcNow(), Owner = null, Error = error, ProposedVersion = proposed,
            Progress = final == JobStatus.Succeeded ? new JobProgress("done", 1, 1) : sink.Latest,
        };
        finished = await jobs.UpdateAsync(finished, CancellationToken.None).ConfigureAwait(false);
        LogFinished(logger, job.Id, final);
        return finished;
    }

    /// <summary>Does the job's work and stores its result; returns the proposed version of a calibration.</summary>
    private async Task<string?> ExecuteAsync(JobRecord job, ProgressSink progress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (job.Request.Kind == JobKind.Preview)
        {
            var preview = await previews.RunAsync(job, progress, cancellationToken).ConfigureAwait(false);
            await jobs.WriteResultAsync(job.Id, JsonSerializer.Serialize(new JobResult(null, null, preview), AppJson.Default.JobResult),
                BacktestHtml.Render(preview.Backtest.Proposed, null, now), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var model = await backtests.ModelForAsync(job, cancellationToken).ConfigureAwait(false);
        if (job.Request.Kind == JobKind.Backtest)
        {
            var report = await backtests.BacktestAsync(model.Model, job.Request, progress, cancellationToken).ConfigureAwait(false);
            await jobs.WriteResultAsync(job.Id, JsonSerializer.Serialize(new JobResult(report, null), AppJson.Default.JobResult),
                BacktestHtml.Render(report, null, now), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var (calibration, backtest) = await backtests.CalibrateAsync(model, job, progress, cancellationToken).ConfigureAwait(false);
        await jobs.WriteResultAsync(job.Id, JsonSerializer.Serialize(new JobResult(backtest, calibration), AppJson.Default.JobResult),
            BacktestHtml.Render(backtest, calibration, now), cancellationToken).ConfigureAwait(false);
        return calibration.ProposedVersion;
    }

    /// <summary>Writes the job's heartbeat and latest progress until the job stops; marks the job lost when another runner changed it.</summary>
    private async Task HeartbeatAsync(JobHolder holder, ProgressSink sink, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Heartbeat, TimeProvider.System, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            sink.CheckDeadline();
            try
            {
                holder.Job = await jobs.UpdateAsync(holder.Job with { HeartbeatAt = clock.GetUtcNow(), Progress = sink.Latest }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                holder.Lost = true;
                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (ProblemResults.IsStorageFault(e))
            {
                // Storage hiccup: the next beat tries again; the lease is long enough to miss a few.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} ({Kind}) started, attempt {Attempt}")]
    private static partial void LogStarted(ILogger logger, string job, JobKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string job, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} met a storage fault; queued again")]
    private static partial void LogRetry(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);

    /// <summary>The job as last written by its runner (the heartbeat replaces it, the end reads it).</summary>
    private sealed class JobHolder(JobRecord job)
    {
        private volatile JobRecord _job = job;
        private volatile bool _lost;

        public JobRecord Job
        {
            get => _job;
            set => _job = value;
        }

        public bool Lost
        {
            get => _lost;
            set => _lost = value;
        }
    }

    /// <summary>Keeps the latest progress for the heartbeat to write, and stops the job once the clock passes its deadline.</summary>
    private sealed class ProgressSink(TimeProvider clock, DateTimeOffset deadline, CancellationTokenSource stop) : IProgress<CalibrationProgress>
    {
        private volatile JobProgress _latest = new("starting", 0, 0);
        private volatile bool _timedOut;

        public JobProgress Latest => _latest;

        public bool TimedOut => _timedOut;

        public void Report(CalibrationProgress value)
        {
            _latest = new JobProgress(value.Stage, value.Done, value.Total);
            CheckDeadline();
        }

        public void CheckDeadline()
        {
            if (clock.GetUtcNow() >= deadline && !_timedOut)
            {
                _timedOut = true;
                stop.Cancel();
            }
        }
    }
}

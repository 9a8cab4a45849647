using HealthFunctions.Messaging.Local;

namespace HealthFunctions.Local;

/// <summary>
/// For the local bus's crash test only: with <c>--LocalRunner:PauseLocalBus remembered|sent</c> and
/// <c>--LocalRunner:PauseMarker PATH</c>, the first message to reach that step writes its id to PATH and waits there
/// for good, so the test can kill the process (kill -9) between the local bus's steps.
/// </summary>
public sealed class PausingLocalBusSteps(string step, string marker) : LocalBusSteps
{
    /// <summary>The configuration key naming the step to pause after.</summary>
    public const string StepKey = "LocalRunner:PauseLocalBus";

    /// <summary>The configuration key naming the marker file.</summary>
    public const string MarkerKey = "LocalRunner:PauseMarker";

    /// <inheritdoc />
    public override Task RememberedAsync(string messageId, CancellationToken cancellationToken) =>
        step == "remembered" ? PauseAsync(messageId) : Task.CompletedTask;

    /// <inheritdoc />
    public override Task SentAsync(string messageId, CancellationToken cancellationToken) =>
        step == "sent" ? PauseAsync(messageId) : Task.CompletedTask;

    private async Task PauseAsync(string messageId)
    {
        await File.WriteAllTextAsync(marker, messageId).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite).ConfigureAwait(false); // until the process is killed
    }
}

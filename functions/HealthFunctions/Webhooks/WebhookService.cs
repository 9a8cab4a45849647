using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Receives source webhooks: verify the signature, refuse a replayed delivery, map (all or nothing), then write in
/// order — archive the raw body, store signals and profiles, record the delivery — and only then acknowledge.
/// A failure at any step acknowledges nothing, and every step is idempotent, so the sender's retry completes it.
/// </summary>
public sealed class WebhookService(
    WebhookSecrets secrets,
    WebhookMappingProvider mappings,
    DeliveryLog deliveries,
    WebhookArchive archive,
    IngestionService ingestion,
    AccountStore accounts,
    TimeProvider clock,
    IOptions<PipelineOptions> options)
{
    /// <summary>Deepest JSON nesting a webhook body may have.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Handles one delivery.</summary>
    public async Task<WebhookResult> ReceiveAsync(WebhookSource source, Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var verified = SignatureVerifier.Verify(source.Scheme, header, body.Span, secrets.For(source), now,
            TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds));
        var mapped = Map(source.Name, body, verified.HeaderDeliveryId, now);
        var claim = verified.SignedAt is { } signedAt ? DeliveryLog.ClaimKey(verified.HeaderDeliveryId ?? mapped.DeliveryId, signedAt) : null;
        if (claim is not null && await deliveries.TryClaimAsync(source.Name, claim, mapped.DeliveryId, ct).ConfigureAwait(false) is null)
        {
            throw new WebhookSignatureException("This signed delivery (message id and signed timestamp) was received before; a redelivery must carry a fresh timestamp and signature.");
        }

        WebhookResult result;
        try
        {
            await archive.ArchiveAsync(source.Name, mapped.DeliveryId, now, body, ct).ConfigureAwait(false);
            result = await ApplyAsync(source.Name, mapped, ct).ConfigureAwait(false);
        }
        catch when (claim is not null)
        {
            await deliveries.ReleaseAsync(source.Name, claim, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return result;
    }

    /// <summary>Re-maps archived deliveries received on the given days with the current mapping and stores them (idempotent).</summary>
    public async Task<ReplaySummary> ReplayAsync(WebhookSource source, DateOnly from, DateOnly to, CancellationToken ct)
    {
        int count = 0, accepted = 0, duplicates = 0, profiles = 0, failed = 0;
        var failedBlobs = new List<string>();
        await foreach (var (name, deliveryId) in archive.ListAsync(source.Name, from, to, ct).ConfigureAwait(false))
        {
            count++;
            var body = await archive.ReadAsync(name, ct).ConfigureAwait(false);
            try
            {
                var mapped = Map(source.Name, body ?? ReadOnlyMemory<byte>.Empty, deliveryId, clock.GetUtcNow());
                var r = await ApplyAsync(source.Name, mapped, ct).ConfigureAwait(false);
                (accepted, duplicates, profiles) = (accepted + r.Accepted, duplicates + r.Duplicates, profiles + r.ProfilesUpdated);
            }
            catch (RequestValidationException)
            {
                failed++;
                if (failedBlobs.Count < 20)
                {
                    failedBlobs.Add(name);
                }
            }
        }

        return new ReplaySummary(source.Name, from, to, count, accepted, duplicates, profiles, failed, failedBlobs);
    }

    private MappedDelivery Map(string source, ReadOnlyMemory<byte> body, string? headerDeliveryId, DateTimeOffset now)
    {
        using var document = JsonText.ParseRepairing(body, DocumentOptions, out _);
        return WebhookMapper.Map(source, mappings.For(source), document.RootElement, headerDeliveryId, now);
    }

    private async Task<WebhookResult> ApplyAsync(string source, MappedDelivery mapped, CancellationToken ct)
    {
        var ingest = mapped.Signals.Count == 0
            ? new IngestResult(0, 0, [])
            : await ingestion.IngestAsync(mapped.Signals, ct).ConfigureAwait(false);
        var profiles = 0;
        foreach (var update in mapped.Profiles)
        {
            var write = await accounts.UpdateProfileIfNewerAsync(update.AccountId, update.UpdatedAt, update.ApplyTo, ct).ConfigureAwait(false);
            profiles += write == ProfileWrite.NotNewer ? 0 : 1;
        }

        return new WebhookResult(source, mapped.DeliveryId, ingest.Accepted, ingest.Duplicates, profiles, ingest.UnmodeledMetrics);
    }
}

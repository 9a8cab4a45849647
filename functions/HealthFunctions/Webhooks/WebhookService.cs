using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Receives source webhooks: verify the signature, read the JSON (malformed: 400), map (never refused), claim the signed
/// delivery (a replay: 401), archive the raw body, store what the mapping took from it, keep the parked list, and only
/// then answer 202 saying what was stored, what was skipped and why. A failure at any step acknowledges nothing, and
/// every step is idempotent, so the sender's retry completes it.
/// </summary>
public sealed class WebhookService(
    WebhookSecrets secrets,
    WebhookMappingProvider mappings,
    DeliveryLog deliveries,
    WebhookArchive archive,
    ParkedDeliveries parked,
    IngestionService ingestion,
    AccountStore accounts,
    TimeProvider clock,
    IOptions<PipelineOptions> options)
{
    /// <summary>Deepest JSON nesting a webhook body may have.</summary>
    public const int MaxDepth = 64;

    private const int MaxNamed = 20;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Handles one delivery.</summary>
    public async Task<WebhookResult> ReceiveAsync(WebhookSource source, Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var verified = SignatureVerifier.Verify(source.Scheme, header, body.Span, secrets.For(source), now,
            TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds));
        var (mapped, repaired) = Map(source.Name, body, verified.HeaderDeliveryId, now);
        var claim = verified.SignedAt is { } signedAt ? DeliveryLog.ClaimKey(verified.HeaderDeliveryId ?? mapped.DeliveryId, signedAt) : null;
        if (claim is not null && await deliveries.TryClaimAsync(source.Name, claim, mapped.DeliveryId, ct).ConfigureAwait(false) is null)
        {
            throw new WebhookSignatureException(
                "This signed delivery (message id and signed timestamp) was received before; a redelivery must carry a fresh timestamp and signature.");
        }

        try
        {
            var blob = await archive.ArchiveAsync(source.Name, mapped.DeliveryId, now, body, ct).ConfigureAwait(false);
            return await StoreAsync(source.Name, mapped, blob, repaired, now, ct).ConfigureAwait(false);
        }
        catch when (claim is not null)
        {
            await deliveries.ReleaseAsync(source.Name, claim, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Re-maps the deliveries of a source archived on the given days with the current mapping and stores them (idempotent).</summary>
    public async Task<ReplaySummary> ReplayArchiveAsync(WebhookSource source, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var tally = new Tally();
        await foreach (var (name, deliveryId) in archive.ListAsync(source.Name, from, to, ct).ConfigureAwait(false))
        {
            await ReplayOneAsync(source.Name, name, deliveryId, tally, ct).ConfigureAwait(false);
        }

        return tally.Summary(source.Name, from, to, null, null);
    }

    /// <summary>Replays every delivery on the parked list with a status (of one source, or of all).</summary>
    public async Task<ReplaySummary> ReplayParkedAsync(DeliveryStatus status, WebhookSource? source, CancellationToken ct)
    {
        var tally = new Tally();
        var entries = new List<ParkedDelivery>();
        await foreach (var entry in parked.ScanAsync(status, source?.Name, ct).ConfigureAwait(false))
        {
            entries.Add(entry); // read first: replaying changes the list being read
        }

        foreach (var entry in entries)
        {
            await ReplayOneAsync(entry.Source, entry.Blob, entry.DeliveryId, tally, ct).ConfigureAwait(false);
        }

        return tally.Summary(source?.Name, null, null, status, null);
    }

    /// <summary>Replays one delivery on the parked list; 404 when it is not on it.</summary>
    public async Task<ReplaySummary> ReplayDeliveryAsync(WebhookSource source, string deliveryId, CancellationToken ct)
    {
        var entry = await parked.GetAsync(source.Name, deliveryId, ct).ConfigureAwait(false)
            ?? throw new NotFoundException($"No {source.Name} delivery '{deliveryId}' is parked; replay archived days with from and to.");
        var tally = new Tally();
        await ReplayOneAsync(source.Name, entry.Blob, deliveryId, tally, ct).ConfigureAwait(false);
        return tally.Summary(source.Name, null, null, null, deliveryId);
    }

    /// <summary>One page of the parked list.</summary>
    public Task<ParkedDeliveryPage> ListParkedAsync(DeliveryStatus status, WebhookSource? source, int top, string? continuation, CancellationToken ct) =>
        parked.ListAsync(status, source?.Name, top, continuation, ct);

    private async Task ReplayOneAsync(string source, string blob, string deliveryId, Tally tally, CancellationToken ct)
    {
        tally.Deliveries++;
        if (await archive.ReadAsync(blob, ct).ConfigureAwait(false) is not { } body)
        {
            tally.Missing++;
            return;
        }

        var header = MappedDelivery.IsBodyHashId(deliveryId) ? null : deliveryId;
        var (mapped, repaired) = Map(source, body, header, clock.GetUtcNow());
        if (mapped.DeliveryId != deliveryId)
        {
            await parked.ClearAsync(source, deliveryId, ct).ConfigureAwait(false); // the fixed mapping found its event id
        }

        tally.Add(await StoreAsync(source, mapped, blob, repaired, clock.GetUtcNow(), ct).ConfigureAwait(false));
    }

    private (MappedDelivery Mapped, IReadOnlyList<string> Repaired) Map(string source, ReadOnlyMemory<byte> body, string? headerDeliveryId, DateTimeOffset now)
    {
        using var document = JsonText.ParseRepairing(body, DocumentOptions, out var repaired);
        var mapped = WebhookMapper.Map(source, mappings.For(source), document.RootElement, headerDeliveryId, MappedDelivery.BodyHashId(body.Span), now, repaired);
        return (mapped, repaired);
    }

    /// <summary>Stores what a mapped delivery carries, keeps the parked list, and says what became of it.</summary>
    private async Task<WebhookResult> StoreAsync(string source, MappedDelivery mapped, string blob, IReadOnlyList<string> repaired, DateTimeOffset now,
        CancellationToken ct)
    {
        var problems = new List<SkippedItem>(mapped.Skipped);
        int accepted = 0, duplicates = 0;
        var unmodeled = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var group in mapped.Signals.GroupBy(s => s.AccountId, StringComparer.Ordinal))
        {
            try
            {
                var ingest = await ingestion.IngestAsync(group.ToList(), ct).ConfigureAwait(false);
                (accepted, duplicates) = (accepted + ingest.Accepted, duplicates + ingest.Duplicates);
                unmodeled.UnionWith(ingest.UnmodeledMetrics);
            }
            catch (RequestValidationException e)
            {
                // The account refuses these signals (a limit of what it may hold): they are skipped, the rest is kept.
                var reason = string.Join(" ", e.Errors.Select(x => $"({x.Field}) {x.Message}"));
                problems.AddRange(group.Select(s => new SkippedItem("$", reason, s.AccountId, s.Metric)));
            }
        }

        var superseded = new List<SkippedItem>();
        var profiles = 0;
        foreach (var update in mapped.Profiles)
        {
            if (await accounts.UpdateProfileIfNewerAsync(update.AccountId, update.UpdatedAt, update.ApplyTo, ct).ConfigureAwait(false) == ProfileWrite.NotNewer)
            {
                superseded.Add(new SkippedItem("profile", $"not newer than the account's profile: this change is from {update.UpdatedAt:O}.", update.AccountId));
            }
            else
            {
                profiles++;
            }
        }

        var status = problems.Count == 0
            ? (mapped.Signals.Count + mapped.Profiles.Count > 0 ? DeliveryStatus.Stored : DeliveryStatus.Ignored)
            : (accepted + duplicates + profiles + superseded.Count > 0 ? DeliveryStatus.Partial : DeliveryStatus.Parked);
        if (status is DeliveryStatus.Parked or DeliveryStatus.Partial)
        {
            await parked.RecordAsync(source, mapped.DeliveryId, status, blob, problems, now, ct).ConfigureAwait(false);
        }
        else
        {
            await parked.ClearAsync(source, mapped.DeliveryId, ct).ConfigureAwait(false);
        }

        return new WebhookResult(source, mapped.DeliveryId, status, accepted, duplicates, profiles, [.. problems, .. superseded], [.. unmodeled], repaired);
    }

    /// <summary>The running totals of a replay.</summary>
    private sealed class Tally
    {
        private readonly List<string> _parked = [];
        private int _accepted, _duplicates, _profiles, _parkedCount, _partial;

        public int Deliveries { get; set; }

        public int Missing { get; set; }

        public void Add(WebhookResult r)
        {
            (_accepted, _duplicates, _profiles) = (_accepted + r.Accepted, _duplicates + r.Duplicates, _profiles + r.ProfilesUpdated);
            _partial += r.Status == DeliveryStatus.Partial ? 1 : 0;
            if (r.Status == DeliveryStatus.Parked)
            {
                _parkedCount++;
                if (_parked.Count < MaxNamed)
                {
                    _parked.Add(r.DeliveryId);
                }
            }
        }

        public ReplaySummary Summary(string? source, DateOnly? from, DateOnly? to, DeliveryStatus? status, string? deliveryId) =>
            new(source, from, to, status, deliveryId, Deliveries, _accepted, _duplicates, _profiles, _parkedCount, _partial, Missing, _parked);
    }
}

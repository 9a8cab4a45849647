using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthFunctions.Errors;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Scoring;

/// <summary>
/// The durable home of proposed and active models, shared by every instance: blob container {prefix}-models with
/// <c>proposed/{version}.json</c> and <c>active.json</c> (a copy of the activated model). Nothing here changes
/// the active model except <see cref="ActivateAsync"/>.
/// </summary>
public sealed partial class ModelStore(BlobServiceClient blobs, TableNames names, ModelProvider provider, ILogger<ModelStore> logger)
{
    /// <summary>The blob holding the active model.</summary>
    public const string ActiveBlob = "active.json";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.Models);

    /// <summary>Stores a proposed model (a rerun with the same version replaces it), with what it was calibrated from.</summary>
    public Task SaveProposedAsync(string version, string json, CancellationToken cancellationToken, ProposalNote? note = null)
    {
        var options = JsonUpload();
        if (note is not null)
        {
            options.Metadata = note.ToMetadata();
        }

        return _container.GetBlobClient(ProposedBlob(version)).UploadAsync(BinaryData.FromString(json), options, cancellationToken);
    }

    /// <summary>
    /// Any model this app knows by its version: the active one, the baseline, or a stored proposal (its JSON), or null.
    /// </summary>
    public async Task<string?> FindAsync(string version, CancellationToken cancellationToken)
    {
        var active = provider.Active;
        if (version == active.Model.Version)
        {
            return active.Json;
        }

        if (version == provider.Baseline.Model.Version)
        {
            return provider.Baseline.Json;
        }

        if (!IsStorable(version))
        {
            return null;
        }

        var blob = await DownloadAsync(ProposedBlob(version), null, cancellationToken).ConfigureAwait(false);
        return blob?.Content.ToString();
    }

    /// <summary>The stored proposals, newest first, with what their calibration said of them.</summary>
    public async Task<IReadOnlyList<ProposedModelInfo>> ListProposedAsync(CancellationToken cancellationToken)
    {
        var list = new List<ProposedModelInfo>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, "proposed/", cancellationToken).ConfigureAwait(false))
        {
            var version = item.Name["proposed/".Length..^".json".Length];
            list.Add(ProposalNote.Read(version, item.Properties.LastModified, item.Metadata));
        }

        return list.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Version, StringComparer.Ordinal).ToList();
    }

    /// <summary>When the stored active model was written, or null when the baseline is active (nothing activated yet).</summary>
    public async Task<DateTimeOffset?> ActivatedAtAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(ActiveBlob).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.LastModified;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A version usable as a blob name: 1-200 characters without '/', '\' or control characters.</summary>
    public static bool IsStorable(string version) =>
        !string.IsNullOrWhiteSpace(version) && version.Length <= 200 && !version.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>A stored proposal as <c>GET /api/models</c> lists it (with its concerns), or null when there is none of that version.</summary>
    public async Task<ProposedModelInfo?> ProposalAsync(string version, CancellationToken cancellationToken)
    {
        if (!IsStorable(version))
        {
            return null;
        }

        try
        {
            var properties = await _container.GetBlobClient(ProposedBlob(version)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProposalNote.Read(version, properties.Value.LastModified, properties.Value.Metadata);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records an activation preview's backtest figures on a stored proposal (its concerns then include a worse backtest); false when there is no such proposal.</summary>
    public async Task<bool> SetPreviewAsync(string version, PreviewFigures preview, CancellationToken cancellationToken)
    {
        if (!IsStorable(version))
        {
            return false;
        }

        var blob = _container.GetBlobClient(ProposedBlob(version));
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await blob.SetMetadataAsync(ProposalNote.WithPreview(properties.Value.Metadata, preview),
                new BlobRequestConditions { IfMatch = properties.Value.ETag }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// What the stored active model's activation recorded: the model active before it (a rollback activates that one), and
    /// the reason given when it was forced; null when nothing was activated yet.
    /// </summary>
    public async Task<ActivationNote?> ActivationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(ActiveBlob).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ActivationNote.Read(properties.Value.Metadata);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Activates a stored proposed model, or the baseline model by its version, recording <paramref name="note"/> (the
    /// model active before, and why a not-recommended one was forced). Throws <see cref="NotFoundException"/> for an
    /// unknown version and <see cref="RequestValidationException"/> when the stored document is invalid. Guardrails and
    /// rollbacks are <see cref="ModelActivation"/>'s.
    /// </summary>
    public async Task<HealthModel> ActivateAsync(string version, CancellationToken cancellationToken, ActivationNote? note = null)
    {
        string json;
        if (version == provider.Baseline.Model.Version)
        {
            json = provider.Baseline.Json;
        }
        else
        {
            var blob = await DownloadAsync(ProposedBlob(version), null, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No proposed model has version '{version}'.");
            json = blob.Content.ToString();
        }

        HealthModel model;
        try
        {
            model = HealthModelLoader.Load(json);
        }
        catch (ModelValidationException e)
        {
            throw new RequestValidationException(e.Errors.Select(x => new FieldError("version", $"the stored model is invalid at {x.Path}: {x.Message}")).ToList());
        }

        if (model.Version != version)
        {
            throw new RequestValidationException("version", $"the stored document says version '{model.Version}'.");
        }

        var upload = JsonUpload();
        upload.Metadata = note?.ToMetadata();
        await _container.GetBlobClient(ActiveBlob).UploadAsync(BinaryData.FromString(json), upload, cancellationToken).ConfigureAwait(false);
        provider.Use(model, json, null); // the next refresh reads the stored copy's ETag
        LogActivated(logger, model.Version);
        return model;
    }

    /// <summary>
    /// Picks up a model activated by any instance: one GET of active.json with If-None-Match, so an unchanged
    /// model costs one small request. A stored document that fails validation is logged and ignored.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var unchanged = provider.StoredETag is { } known ? new BlobRequestConditions { IfNoneMatch = known } : null;
        var blob = await DownloadAsync(ActiveBlob, unchanged, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return;
        }

        var json = blob.Content.ToString();
        try
        {
            var model = HealthModelLoader.Load(json);
            provider.Use(model, json, blob.Details.ETag);
        }
        catch (ModelValidationException e)
        {
            LogInvalidActive(logger, e.Errors.Count, provider.Current.Version);
        }
    }

    /// <summary>A blob's content, or null when it does not exist or (with If-None-Match) has not changed (304).</summary>
    private async Task<BlobDownloadResult?> DownloadAsync(string name, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.GetBlobClient(name).DownloadContentAsync(new BlobDownloadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
            return response.GetRawResponse().Status == 304 ? null : response.Value;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 304)
        {
            return null;
        }
    }

    private static string ProposedBlob(string version) => $"proposed/{version}.json";

    private static BlobUploadOptions JsonUpload() => new() { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} activated")]
    private static partial void LogActivated(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored active model is invalid ({Errors} errors); keeping {Version}")]
    private static partial void LogInvalidActive(ILogger logger, int errors, string version);
}

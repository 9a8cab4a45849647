using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Rescoring;

/// <summary>
/// Segment populations for percentile normalizers and median fill, kept between runs: blob
/// <c>populations/{model version}.json</c> in the models container. A full rescore scores with the population the
/// previous full run sampled (yesterday's) and samples today's while it streams, so no second pass over the accounts is
/// needed; see docs/scoring-model.md.
/// </summary>
public sealed class PopulationStore(BlobServiceClient blobs, TableNames names)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.Models);

    /// <summary>The population last stored for <paramref name="modelVersion"/>, or null.</summary>
    public async Task<StoredPopulation?> LoadAsync(string modelVersion, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.GetBlobClient(BlobName(modelVersion)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(response.Value.Content.ToMemory().Span, AppJson.Default.StoredPopulation);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a run's sample unless the one stored is from a later day, or from the same day with more accounts (a rerun
    /// of the day skips unchanged accounts, so its sample is partial).
    /// </summary>
    public async Task<bool> SaveAsync(StoredPopulation population, StoredPopulation? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (stored is not null && (stored.Day > population.Day || (stored.Day == population.Day && stored.Accounts >= population.Accounts)))
        {
            return false;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(population, AppJson.Default.StoredPopulation);
        await _container.GetBlobClient(BlobName(population.ModelVersion)).UploadAsync(BinaryData.FromBytes(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The populations to score with, by segment.</summary>
    public static IReadOnlyDictionary<string, SegmentPopulation> ToPopulations(StoredPopulation? stored) =>
        stored is null ? new Dictionary<string, SegmentPopulation>() : PopulationSampler.Populations(stored.Segments);

    private static string BlobName(string modelVersion) => $"populations/{Uri.EscapeDataString(modelVersion)}.json";
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Raw bodies of accepted deliveries in Blob Storage, named <c>{source}/{yyyy-MM-dd}/{delivery id as base64url}.json</c>
/// by the day of receipt. Writes are create-only, so a retried delivery finds its blob already there.
/// </summary>
public sealed class WebhookArchive(BlobServiceClient blobs, TableNames names)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.WebhookArchive);

    /// <summary>Archives a body; an existing blob of the same delivery is kept as it is. Returns the blob's name.</summary>
    public async Task<string> ArchiveAsync(string source, string deliveryId, DateTimeOffset receivedAt, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var name = BlobName(source, DateOnly.FromDateTime(receivedAt.UtcDateTime), deliveryId);
        var blob = _container.GetBlobClient(name);
        try
        {
            var createOnly = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            await blob.UploadAsync(BinaryData.FromBytes(body), createOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Archived by an earlier attempt of the same delivery: the first copy stays.
        }

        return name;
    }

    /// <summary>Every archived delivery of a source received from <paramref name="from"/> to <paramref name="to"/> (inclusive days).</summary>
    public async IAsyncEnumerable<(string Name, string DeliveryId)> ListAsync(string source, DateOnly from, DateOnly to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, DayPrefix(source, day), cancellationToken).ConfigureAwait(false))
            {
                yield return (item.Name, DeliveryIdOf(item.Name));
            }
        }
    }

    /// <summary>Reads an archived body.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The blob name of a delivery.</summary>
    public static string BlobName(string source, DateOnly day, string deliveryId) =>
        DayPrefix(source, day) + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(deliveryId)) + ".json";

    /// <summary>The delivery id in a blob name.</summary>
    public static string DeliveryIdOf(string blobName)
    {
        var file = blobName[(blobName.LastIndexOf('/') + 1)..];
        return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(file.AsSpan(0, file.Length - ".json".Length)));
    }

    private static string DayPrefix(string source, DateOnly day) =>
        $"{source}/{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/";
}

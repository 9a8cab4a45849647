namespace HealthFunctions.Storage.Blobs;

/// <summary>One blob container.</summary>
public interface IBlobContainerClient
{
    /// <summary>The container's name.</summary>
    string Name { get; }

    /// <summary>Creates the container (private); an existing one is not an error.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a block blob. With <paramref name="overwrite"/> false the write is create-only (If-None-Match: *)
    /// and returns false when the blob already exists; otherwise it returns true.
    /// </summary>
    Task<bool> UploadAsync(string blobName, BinaryData content, string contentType = "application/octet-stream",
        bool overwrite = true, CancellationToken cancellationToken = default);

    /// <summary>Reads a blob, or null when it does not exist.</summary>
    Task<BlobContent?> DownloadAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a blob only if it changed: one GET with If-None-Match. Null when it still has <paramref name="etag"/>
    /// (304) or does not exist.
    /// </summary>
    Task<BlobContent?> DownloadIfChangedAsync(string blobName, Azure.ETag etag, CancellationToken cancellationToken = default);

    /// <summary>Lists blobs whose names start with <paramref name="prefix"/>, following continuation markers.</summary>
    IAsyncEnumerable<BlobItem> ListAsync(string? prefix = null, CancellationToken cancellationToken = default);
}

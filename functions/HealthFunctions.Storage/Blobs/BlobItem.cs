using Azure;

namespace HealthFunctions.Storage.Blobs;

/// <summary>One entry of a blob listing.</summary>
public sealed record BlobItem(string Name, long Size, string? ContentType, ETag ETag, DateTimeOffset LastModified);

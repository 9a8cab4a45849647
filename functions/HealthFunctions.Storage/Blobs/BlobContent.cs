using Azure;

namespace HealthFunctions.Storage.Blobs;

/// <summary>A downloaded blob.</summary>
public sealed record BlobContent(BinaryData Content, string ContentType, ETag ETag, DateTimeOffset LastModified);

using Azure;

namespace HealthFunctions.Storage.Tables;

/// <summary>The entity changed (or vanished) since its ETag was read (HTTP 412). Re-read and retry.</summary>
public sealed class TableConcurrencyException(string message, int status, string? errorCode, Exception? inner = null)
    : RequestFailedException(status, message, errorCode, inner);

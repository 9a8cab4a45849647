using Azure;

namespace HealthFunctions.Storage.Tables;

/// <summary>An entity-group transaction was rejected as a whole; <see cref="FailedOperationIndex"/> names the culprit.</summary>
public sealed class TableTransactionFailedException(
    string message, int status, string? errorCode, int? failedOperationIndex, Exception? inner = null)
    : RequestFailedException(status, message, errorCode, inner)
{
    /// <summary>Zero-based index of the failing operation, when the service says which.</summary>
    public int? FailedOperationIndex { get; } = failedOperationIndex;
}

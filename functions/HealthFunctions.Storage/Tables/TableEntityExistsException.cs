using Azure;

namespace HealthFunctions.Storage.Tables;

/// <summary>An insert found the entity already there (HTTP 409 EntityAlreadyExists).</summary>
public sealed class TableEntityExistsException(string message, string? errorCode = "EntityAlreadyExists", Exception? inner = null)
    : RequestFailedException(409, message, errorCode, inner);

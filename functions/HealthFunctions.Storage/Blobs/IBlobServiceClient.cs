namespace HealthFunctions.Storage.Blobs;

/// <summary>The Blob service of one storage account.</summary>
public interface IBlobServiceClient
{
    /// <summary>A client for one container (no request is made).</summary>
    IBlobContainerClient GetContainerClient(string containerName);
}

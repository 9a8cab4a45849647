namespace HealthFunctions.Storage.Internal;

internal enum StorageService
{
    Blob,
    Queue,
    Table,
}

namespace HealthFunctions.Storage.Tables;

/// <summary>How an update treats properties the new entity does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them (HTTP MERGE).</summary>
    Merge,

    /// <summary>Drop them (HTTP PUT).</summary>
    Replace,
}

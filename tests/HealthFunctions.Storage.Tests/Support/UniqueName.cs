namespace HealthFunctions.Storage.Tests.Support;

/// <summary>Per-test resource names so tests never share a table, container or queue.</summary>
internal static class UniqueName
{
    public static string Table() => "t" + Guid.NewGuid().ToString("N");

    public static string Container() => "c" + Guid.NewGuid().ToString("N");

    public static string Queue() => "q" + Guid.NewGuid().ToString("N");
}

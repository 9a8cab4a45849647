namespace HealthFunctions.TestSupport;

/// <summary>Finds the repository root (the folder holding HealthFunctions.sln) from the test's base directory.</summary>
public static class RepositoryRoot
{
    /// <summary>The absolute path of the repository root.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No HealthFunctions.sln above {AppContext.BaseDirectory}.");
    }
}

using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>A test run leaves the tracked screenshots alone unless asked: only <c>./scripts/test.sh --update-screenshots</c> writes docs/screenshots.</summary>
public sealed class ScreenshotsTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void WithoutTheFlag_ScreenshotsGoOutsideTheRepository()
    {
        var folder = Path.GetFullPath(Screenshots.FolderFor(null));

        Assert.False(folder.StartsWith(Root, StringComparison.Ordinal), $"{folder} is inside the repository");
        Assert.Equal("/elsewhere", Screenshots.FolderFor("/elsewhere"));
    }
}

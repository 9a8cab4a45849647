using Microsoft.Playwright;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// Where the browser tests put their screenshots: the folder HF_SCREENSHOTS_DIR names (<c>./scripts/test.sh
/// --update-screenshots</c> sets it to docs/screenshots, the tracked copies; without the flag test.sh sets it to the run's
/// TestResults folder), or a temporary folder when it is unset. So a test run never rewrites a tracked file unasked.
/// </summary>
internal static class Screenshots
{
    /// <summary>The variable that names the folder.</summary>
    public const string Variable = "HF_SCREENSHOTS_DIR";

    /// <summary>The folder screenshots go to now.</summary>
    public static string Folder => FolderFor(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The folder for a value of <see cref="Variable"/>: the folder it names, or a temporary one when it is unset.</summary>
    public static string FolderFor(string? variable) => variable is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "hf-screenshots");

    /// <summary>Saves the whole page as NAME.png in <see cref="Folder"/>.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // so the sticky header is drawn at the top, where it belongs
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}

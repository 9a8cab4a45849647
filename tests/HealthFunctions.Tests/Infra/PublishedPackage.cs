using System.Diagnostics;
using HealthFunctions.TestSupport;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// Runs scripts/publish.sh (the same command deploy.sh uses) once into a temporary folder, with its own build
/// folder so the repository's bin/obj are not touched, and deletes it afterwards.
/// </summary>
public sealed class PublishedPackage : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hf-package-" + Guid.NewGuid().ToString("N"));

    public PublishedPackage()
    {
        Directory.CreateDirectory(_root);
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Find(),
        };
        psi.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "scripts", "publish.sh"));
        psi.ArgumentList.Add(Root);
        psi.ArgumentList.Add(Path.Combine(_root, "build"));

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit(); // as long as a publish takes on this machine: no time limit to trip a slow one

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    /// <summary>The package root: what deploy.sh zips.</summary>
    public string Root => Path.Combine(_root, "package");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

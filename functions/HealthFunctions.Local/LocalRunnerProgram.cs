namespace HealthFunctions.Local;

/// <summary>Entry point of the local runner: <c>dotnet HealthFunctions.Local.dll --urls http://127.0.0.1:7071</c>.</summary>
public sealed class LocalRunnerProgram
{
    private LocalRunnerProgram()
    {
    }

    /// <summary>Builds and runs the runner until stopped.</summary>
    public static void Main(string[] args) => LocalRunner.Build(args).Run();
}

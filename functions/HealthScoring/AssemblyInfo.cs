[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("HealthScoring.Tests")]

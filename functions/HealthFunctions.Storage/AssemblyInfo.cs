[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("HealthFunctions.Storage.Tests")]

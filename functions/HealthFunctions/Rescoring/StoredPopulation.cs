namespace HealthFunctions.Rescoring;

/// <summary>
/// The segment populations a full rescore sampled, as stored for the next runs: the model and day they come from, the
/// accounts seen, and by segment ("" for the base model) and metric the sampled raw values, sorted.
/// </summary>
public sealed record StoredPopulation(string ModelVersion, DateOnly Day, int Accounts,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> Segments);

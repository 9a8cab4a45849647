using System.Text.Json;

namespace HealthFunctions.Tests.Fuzz;

/// <summary>
/// One write endpoint the fuzz test drives (see <see cref="FuzzTargets"/>): how to build a request, what state the endpoint
/// writes, and how to read a 2xx back from storage.
/// </summary>
/// <param name="Name">The function's name, for messages.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">Path and query of one request (hostile route values and query strings included).</param>
/// <param name="Seed">A valid body, which the fuzz test mutates (null: the endpoint reads no body, random bodies are sent anyway).</param>
/// <param name="StateOf">A fingerprint of what the endpoint writes; a 4xx must leave it as it was.</param>
/// <param name="VerifyAccepted">
/// Reads a 2xx back: given the answer (JSON, or null) and the fingerprints before and after, a message saying what is
/// missing, or null when everything the answer acknowledges is stored.
/// </param>
/// <param name="WebhookSource">For a webhook source, its name: each body is signed as the source signs it.</param>
/// <param name="SeedContentType">The content type of the seed (text/csv for CSV outcomes).</param>
/// <param name="TakesInput">False for an endpoint that reads nothing from the request, so has nothing to refuse.</param>
public sealed record FuzzTarget(
    string Name,
    HttpMethod Method,
    Func<Random, string> Path,
    Func<Random, byte[]>? Seed,
    Func<FuzzRun, FuzzCase, Task<string>> StateOf,
    Func<FuzzRun, FuzzCase, JsonElement?, string, string, Task<string?>> VerifyAccepted,
    string? WebhookSource = null,
    string SeedContentType = "application/json",
    bool TakesInput = true);

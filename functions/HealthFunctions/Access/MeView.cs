using System.Text.Json.Serialization;

namespace HealthFunctions.Access;

/// <summary>
/// The answer to <c>GET /api/me</c>: the mode ("local" or "azure"), who is signed in (null locally, written as null) and
/// the roles they amount to (admin includes csm and reader; locally all three).
/// </summary>
public sealed record MeView(
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ObjectId,
    IReadOnlyList<string> Roles);

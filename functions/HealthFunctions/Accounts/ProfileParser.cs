using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// Reads <c>PUT</c> and <c>PATCH /api/accounts/{id}</c> bodies, listing every invalid field: unknown fields, and a segment
/// or lifecycle stage the active model does not know, are refused (a known one is stored as the model spells it).
/// </summary>
public static class ProfileParser
{
    /// <summary>The profile's fields.</summary>
    public static readonly IReadOnlyList<string> FieldNames = ["name", "segment", "lifecycleStage", "arr", "renewalDate", "owner"];

    /// <summary>Parses a whole profile (PUT): a field not sent is unset.</summary>
    public static AccountProfileData Parse(ReadOnlyMemory<byte> body, HealthModel model) => ParsePatch(body, model).Values;

    /// <summary>Parses the fields sent (PATCH); at least one.</summary>
    public static ProfilePatch ParsePatch(ReadOnlyMemory<byte> body, HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var json = JsonFields.Read(body, FieldNames);
        var name = json.Text("name", 200);
        var segment = Known(json, "segment", model.SegmentName, model.Segments.Keys, model.Version);
        var stage = Known(json, "lifecycleStage", model.LifecycleStageName, model.LifecycleStages.Keys, model.Version);
        var arr = json.Number("arr", 0, 1e12);
        var renewal = json.Date("renewalDate");
        var owner = json.Text("owner", 200);
        json.ThrowIfInvalid();
        var sent = FieldNames.Where(json.Has).ToHashSet(StringComparer.Ordinal);
        return new ProfilePatch(new AccountProfileData(name, segment, stage, arr, renewal, owner), sent);
    }

    private static string? Known(JsonFields json, string field, Func<string?, string?> lookup, IEnumerable<string> names, string version)
    {
        var text = json.Text(field, 64);
        if (text is null)
        {
            return null;
        }

        if (lookup(text) is { } spelled)
        {
            return spelled;
        }

        var known = names.Order(StringComparer.Ordinal).ToList();
        json.Errors.Add(new FieldError(field, $"'{text}' is not a {(field == "segment" ? "segment" : "lifecycle stage")} of the active model ({version}); "
            + (known.Count == 0 ? "it declares none, so leave it unset." : $"use one of {string.Join(", ", known)}, or leave it unset.")));
        return null;
    }

    /// <summary>Refuses a PATCH that sends no field.</summary>
    public static void RequireAny(ProfilePatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Fields.Count == 0)
        {
            throw new RequestValidationException("$", $"must set at least one of {string.Join(", ", FieldNames)}.");
        }
    }
}

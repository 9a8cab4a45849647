namespace HealthFunctions.Access;

/// <summary>
/// Who made a request: the name and Entra object id App Service authentication passes (null locally, where nobody signs
/// in) and the app roles the principal holds (every role locally, where the workspace is open on loopback).
/// </summary>
public sealed record Principal(string? Name, string? ObjectId, IReadOnlyList<string> Roles)
{
    /// <summary>What a change records as its author when the request came without a sign-in (local, open mode).</summary>
    public const string LocalAuthor = "local";

    /// <summary>The open workspace of the local runner on loopback: no identity, every role.</summary>
    public static Principal Local { get; } = new(null, null, AppRoles.All);

    /// <summary>The name to show as the author of a change: the signed-in name, else the object id, else <see cref="LocalAuthor"/>.</summary>
    public string Author => Name ?? ObjectId ?? LocalAuthor;

    /// <summary>True when the principal holds <paramref name="role"/>.</summary>
    public bool Has(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The author shown on a change: always <see cref="Author"/>; a body's author that names someone else only adds a note
    /// after it ("alice@contoso.com (note: ceo@contoso.com)"), never replaces it.
    /// </summary>
    public string AuthorWithNote(string? bodyAuthor) =>
        bodyAuthor is null || string.Equals(bodyAuthor, Author, StringComparison.OrdinalIgnoreCase) ? Author : $"{Author} (note: {bodyAuthor})";
}

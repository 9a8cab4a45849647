namespace HealthFunctions.Hosting;

/// <summary>
/// Who made a request, as App Service authentication (Easy Auth) tells the app: the <c>X-MS-CLIENT-PRINCIPAL-NAME</c>
/// header it sets after signing the user in (and strips from what clients send). Null locally, where there is no sign-in.
/// </summary>
public static class SignedInUser
{
    /// <summary>The header Easy Auth sets to the signed-in user's name.</summary>
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The signed-in user's name, or null.</summary>
    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Headers[NameHeader].ToString().Trim();
        return name.Length is > 0 and <= 200 ? name : null;
    }
}

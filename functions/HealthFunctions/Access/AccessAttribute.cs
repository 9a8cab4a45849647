namespace HealthFunctions.Access;

/// <summary>
/// Declares an HTTP function's <see cref="RouteClass"/> next to its <c>[Function]</c>. A state-changing request takes
/// <c>application/json</c> bodies only, plus the media types named in <see cref="AlsoAccepts"/>. An HTTP function without
/// this attribute counts as <see cref="RouteClass.Admin"/> (and a test fails until it says what it is).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AccessAttribute(RouteClass routeClass) : Attribute
{
    /// <summary>Who may call the function.</summary>
    public RouteClass RouteClass { get; } = routeClass;

    /// <summary>Media types a write takes besides <c>application/json</c> (e.g. <c>text/csv</c>).</summary>
    public string[] AlsoAccepts { get; init; } = [];
}

namespace HealthFunctions.Tests.Fuzz;

/// <summary>One generated request: the target, path, body (null: none), content type (null: none), whether gzip-compressed, and the webhook id to sign with.</summary>
public sealed record FuzzCase(FuzzTarget Target, string Path, byte[]? Body, string? ContentType, bool Gzip, string? WebhookId)
{
    /// <summary>What the case sent, short enough for a failure message.</summary>
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : System.Text.Encoding.UTF8.GetString(Body);
        return $"{Target.Name} {Target.Method} {Path} [{ContentType ?? "no content type"}{(Gzip ? ", gzip" : "")}] {body[..Math.Min(body.Length, 400)]}";
    }
}

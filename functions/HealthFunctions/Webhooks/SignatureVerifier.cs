using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Signature checks as pure functions of (scheme, headers, body, secrets, now). Every comparison is constant-time;
/// any active secret (primary or secondary, for rotation) may match.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>Checks a delivery; returns what the signature vouches for or throws <see cref="WebhookSignatureException"/>.</summary>
    public static VerifiedDelivery Verify(SignatureScheme scheme, Func<string, string?> header, ReadOnlySpan<byte> body,
        IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (secrets.Count == 0)
        {
            throw new WebhookSignatureException("No signing secret is configured for this source.");
        }

        return scheme switch
        {
            SignatureScheme.Segment => VerifySegment(header, body, secrets),
            SignatureScheme.Stripe => VerifyStripe(header, body, secrets, now, tolerance),
            SignatureScheme.Zendesk => VerifyZendesk(header, body, secrets, now, tolerance),
            _ => VerifyStandard(header, body, secrets, now, tolerance),
        };
    }

    private static VerifiedDelivery VerifySegment(Func<string, string?> header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        var given = Decode(Required(header, "X-Signature"), hex: true, "X-Signature");
        foreach (var secret in secrets)
        {
            if (CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body), given))
            {
                return new VerifiedDelivery(null, null);
            }
        }

        throw new WebhookSignatureException("X-Signature does not match the body.");
    }

    private static VerifiedDelivery VerifyStripe(Func<string, string?> header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets,
        DateTimeOffset now, TimeSpan tolerance)
    {
        var value = Required(header, "Stripe-Signature");
        string? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (key, item) = (part[..eq], part[(eq + 1)..]);
            if (key == "t")
            {
                t = item;
            }
            else if (key == "v1" && TryDecode(item, hex: true, out var bytes))
            {
                signatures.Add(bytes);
            }
        }

        if (t is null || signatures.Count == 0)
        {
            throw new WebhookSignatureException("Stripe-Signature must hold t=<unix seconds> and at least one v1=<hex>.");
        }

        var at = UnixSeconds(t, "Stripe-Signature t");
        CheckTimestamp(at, now, tolerance);
        var signed = Concat(Encoding.UTF8.GetBytes(t + "."), body);
        Match(secrets.Select(s => Encoding.UTF8.GetBytes(s)), signed, signatures, HMACSHA256.HashData, "Stripe-Signature");
        return new VerifiedDelivery(null, at);
    }

    private static VerifiedDelivery VerifyZendesk(Func<string, string?> header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets,
        DateTimeOffset now, TimeSpan tolerance)
    {
        const string SignatureHeader = "X-Zendesk-Webhook-Signature";
        const string TimestampHeader = "X-Zendesk-Webhook-Signature-Timestamp";
        var signature = Decode(Required(header, SignatureHeader), hex: false, SignatureHeader);
        var timestamp = Required(header, TimestampHeader);
        var at = DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            ? iso
            : UnixSeconds(timestamp, TimestampHeader);
        CheckTimestamp(at, now, tolerance);
        var signed = Concat(Encoding.UTF8.GetBytes(timestamp), body);
        Match(secrets.Select(s => Encoding.UTF8.GetBytes(s)), signed, [signature], HMACSHA256.HashData, SignatureHeader);
        return new VerifiedDelivery(null, at);
    }

    private static VerifiedDelivery VerifyStandard(Func<string, string?> header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets,
        DateTimeOffset now, TimeSpan tolerance)
    {
        var id = Required(header, "webhook-id");
        var timestamp = Required(header, "webhook-timestamp");
        var value = Required(header, "webhook-signature");
        if (id.Length > 256)
        {
            throw new WebhookSignatureException("webhook-id must be at most 256 characters.");
        }

        var at = UnixSeconds(timestamp, "webhook-timestamp");
        CheckTimestamp(at, now, tolerance);
        var signatures = new List<byte[]>();
        foreach (var entry in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith("v1,", StringComparison.Ordinal) && TryDecode(entry[3..], hex: false, out var bytes))
            {
                signatures.Add(bytes);
            }
        }

        if (signatures.Count == 0)
        {
            throw new WebhookSignatureException("webhook-signature must hold at least one v1,<base64> entry.");
        }

        var signed = Concat(Encoding.UTF8.GetBytes(id + "." + timestamp + "."), body);
        Match(secrets.Select(StandardKey), signed, signatures, HMACSHA256.HashData, "webhook-signature");
        return new VerifiedDelivery(id, at);
    }

    /// <summary>The HMAC key of a Standard Webhooks secret: the base64 after <c>whsec_</c>; other secrets are used as UTF-8.</summary>
    public static byte[] StandardKey(string secret)
    {
        const string Prefix = "whsec_";
        if (secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(secret[Prefix.Length..]);
            }
            catch (FormatException)
            {
                // Not base64 after all: fall through and use the text, so a typo fails signatures rather than the app.
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    private static void Match(IEnumerable<byte[]> keys, byte[] signed, List<byte[]> given, Func<byte[], byte[], byte[]> hmac, string headerName)
    {
        foreach (var key in keys)
        {
            var expected = hmac(key, signed);
            foreach (var g in given)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, g))
                {
                    return;
                }
            }
        }

        throw new WebhookSignatureException($"{headerName} does not match the body with any active secret.");
    }

    private static void CheckTimestamp(DateTimeOffset at, DateTimeOffset now, TimeSpan tolerance)
    {
        if ((now - at).Duration() > tolerance)
        {
            throw new WebhookSignatureException(
                $"The signature timestamp is {(int)(now - at).TotalSeconds} s from now; at most {(int)tolerance.TotalSeconds} s is accepted.");
        }
    }

    private static DateTimeOffset UnixSeconds(string value, string name) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new WebhookSignatureException($"{name} must be a Unix time in seconds.");

    private static string Required(Func<string, string?> header, string name) =>
        header(name) is { Length: > 0 and <= 4096 } value
            ? value
            : throw new WebhookSignatureException($"The {name} header is missing.");

    private static byte[] Decode(string value, bool hex, string name) =>
        TryDecode(value, hex, out var bytes) ? bytes : throw new WebhookSignatureException($"{name} is not {(hex ? "hex" : "base64")}.");

    private static bool TryDecode(string value, bool hex, out byte[] bytes)
    {
        try
        {
            bytes = hex ? Convert.FromHexString(value) : Convert.FromBase64String(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static byte[] Concat(byte[] prefix, ReadOnlySpan<byte> body)
    {
        var all = new byte[prefix.Length + body.Length];
        prefix.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(prefix.Length));
        return all;
    }
}

namespace HealthFunctions.Storage;

/// <summary>
/// A storage account name and key for Shared Key signing. The key never appears in exception messages or
/// <see cref="object.ToString"/>.
/// </summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates the credential; <paramref name="accountKey"/> is the base64 key from the portal.</summary>
    /// <exception cref="ArgumentException">The key is not valid base64.</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The account key for '{accountName}' is not valid base64.", nameof(accountKey));
        }
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Signs a string to sign with HMAC-SHA256 and returns the base64 signature.</summary>
    internal string Sign(string stringToSign)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(stringToSign);
        return Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(_key, bytes));
    }

    /// <inheritdoc />
    public override string ToString() => $"StorageSharedKeyCredential({AccountName})";
}

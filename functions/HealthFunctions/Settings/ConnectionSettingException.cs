namespace HealthFunctions.Settings;

/// <summary>
/// A connection setting is missing or malformed. The message names the setting as it is spelled in app settings
/// (for example <c>HealthStorage__accountName</c>) and says what to fix; it never includes a key or secret.
/// </summary>
public sealed class ConnectionSettingException(string settingName, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The app setting at fault, in app-settings spelling (<c>Name__property</c>).</summary>
    public string SettingName { get; } = settingName;
}

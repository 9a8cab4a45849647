using HealthFunctions.Settings;

namespace HealthFunctions.Hosting;

/// <summary>
/// Who runs the function classes (the Functions host, or the local runner of functions/HealthFunctions.Local) and
/// where score changes travel: Service Bus, or the local stand-in for the topic on Azurite queues. HealthFunctions:Bus
/// = ServiceBus or Local chooses; unset, the local runner uses the local bus and the Functions host Service Bus.
/// </summary>
public sealed record HostingMode(bool IsLocalRunner, bool UsesLocalBus)
{
    /// <summary>"local" or "functions-host".</summary>
    public string Name => IsLocalRunner ? "local" : "functions-host";

    /// <summary>"local" (Azurite queues) or "service-bus".</summary>
    public string BusName => UsesLocalBus ? "local" : "service-bus";

    /// <summary>Reads the bus choice; <paramref name="localRunner"/> says who hosts the functions.</summary>
    public static HostingMode Read(IConfiguration configuration, bool localRunner)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bus = configuration[SettingNames.Bus];
        var localBus = bus switch
        {
            null or "" => localRunner,
            _ when bus.Equals("Local", StringComparison.OrdinalIgnoreCase) => true,
            _ when bus.Equals("ServiceBus", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new InvalidOperationException($"{SettingNames.Bus} = '{bus}': use ServiceBus, Local, or leave it unset."),
        };
        return new HostingMode(localRunner, localBus);
    }
}

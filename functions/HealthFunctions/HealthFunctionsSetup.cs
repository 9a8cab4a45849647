using Azure.Messaging.ServiceBus;
using HealthFunctions.Access;
using HealthFunctions.Accounts;
using HealthFunctions.Calibration;
using HealthFunctions.Dispatch;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Messaging;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Outcomes;
using HealthFunctions.Rescoring;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using HealthFunctions.Webhooks;
using Microsoft.Extensions.Options;

namespace HealthFunctions;

/// <summary>
/// Wires the app's services, the same under the Functions host and in the local runner: options, the Azure clients,
/// the stores and services the function classes call, and the bus (Service Bus, or the local stand-in on Azurite).
/// </summary>
public static class HealthFunctionsSetup
{
    /// <summary>Registers everything the function classes need.</summary>
    public static IHostApplicationBuilder AddHealthFunctions(this IHostApplicationBuilder builder, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mode);
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<PipelineOptions>()
            .Bind(configuration.GetSection(PipelineOptions.Section))
            .Configure(o =>
            {
                o.ScoreChangesTopic = configuration[SettingNames.ScoreChangesTopic] ?? o.ScoreChangesTopic;
                o.PlaybooksSubscription = configuration[SettingNames.PlaybooksSubscription] ?? o.PlaybooksSubscription;
                o.AlertsSubscription = configuration[SettingNames.AlertsSubscription] ?? o.AlertsSubscription;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(mode);
        services.AddSingleton(AccessMode.Read(configuration, mode.IsLocalRunner));
        services.AddSingleton(FunctionAccess.Load(typeof(HealthFunctionsSetup).Assembly));
        services.AddSingleton<AccessGuard>();
        services.AddHealthAzureClients(configuration, serviceBus: !mode.UsesLocalBus);
        if (mode.UsesLocalBus)
        {
            services.AddSingleton<LocalBusSteps>();
            services.AddSingleton<ServiceBusSender, LocalTopicSender>();
            services.AddSingleton<ServiceBusReceiver, LocalSubscriptionReceiver>();
        }
        else
        {
            services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
                .CreateSender(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ScoreChangesTopic));
            services.AddSingleton(sp =>
            {
                var o = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
                return sp.GetRequiredService<ServiceBusClient>().CreateReceiver(o.ScoreChangesTopic, o.PlaybooksSubscription,
                    new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock });
            });
        }

        services.AddSingleton<TableNames>();
        services.AddSingleton<ModelProvider>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelVersions>();
        services.AddSingleton<ModelActivation>();
        services.AddSingleton<PreviewService>();
        services.AddSingleton<OutcomeStore>();
        services.AddSingleton<UnknownAccounts>();
        services.AddSingleton<BacktestService>();
        services.AddSingleton(new ConflictBackoff());
        services.AddSingleton<Calibration.Jobs.JobStore>();
        services.AddSingleton<Calibration.Jobs.JobRunner>();
        services.AddSingleton<Calibration.Jobs.JobRequestReader>();
        services.AddSingleton(sp => new SignalRetention(
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value.SignalRetentionDays, () => sp.GetRequiredService<ModelProvider>().Current));
        services.AddSingleton<AccountStore>();
        services.AddSingleton<Audit.AuditTrail>();
        services.AddSingleton<Retention.RetentionPolicy>();
        services.AddSingleton<Retention.RetentionCleanup>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskDirectory>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<ScoreChangePublisher>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<PopulationStore>();
        services.AddSingleton<PortfolioTrendStore>();
        services.AddSingleton<RescoreService>();
        services.AddSingleton<Dashboard.DashboardAssets>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<AccountQueries>();
        services.AddSingleton<CsmStore>();
        services.AddSingleton<WebhookMappingProvider>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<WebhookArchive>();
        services.AddSingleton<ParkedDeliveries>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<PlaybookDispatcher>();
        services.AddSingleton(sp => new SubscriptionDrain(sp.GetRequiredService<ServiceBusReceiver>(), sp.GetRequiredService<PlaybookDispatcher>(),
            sp.GetRequiredService<IOptions<PipelineOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SubscriptionDrain>>()));
        services.AddHttpClient<TaskWebhookNotifier>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddAlerts(configuration, mode);
        services.AddHostedService<StorageInitializer>();
        return builder;
    }

    /// <summary>The alerts consumer: its options (checked at start-up), the alerts subscription's receiver and drain, the sender and the log of what was sent.</summary>
    private static void AddAlerts(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        services.AddOptions<Alerts.AlertOptions>()
            .Bind(configuration.GetSection(Alerts.AlertOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Alerts.AlertRules.Problem(o) is null, "HealthFunctions:Alerts:Triggers may name tier-drop, sharp-decline and new-task; HealthFunctions:Alerts:Tiers Red, Yellow and Green.")
            .ValidateOnStart();
        services.AddSingleton<Alerts.AlertLog>();
        services.AddHttpClient<Alerts.AlertSender>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Alerts.AlertDispatcher>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>();
            var clock = sp.GetRequiredService<TimeProvider>();
            ServiceBusReceiver receiver = mode.UsesLocalBus
                ? new LocalSubscriptionReceiver(sp.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>(), sp.GetRequiredService<TableNames>(), options, clock,
                    options.Value.AlertsSubscription)
                : sp.GetRequiredService<ServiceBusClient>().CreateReceiver(options.Value.ScoreChangesTopic, options.Value.AlertsSubscription,
                    new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock });
            var drain = new SubscriptionDrain(receiver, sp.GetRequiredService<Alerts.AlertDispatcher>(), options, clock, sp.GetRequiredService<ILogger<SubscriptionDrain>>());
            return new Alerts.AlertsDrain(receiver, drain);
        });
    }
}

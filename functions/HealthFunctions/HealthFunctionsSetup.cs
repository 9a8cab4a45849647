using HealthFunctions.Accounts;
using HealthFunctions.Calibration;
using HealthFunctions.Dispatch;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Local;
using HealthFunctions.Messaging;
using HealthFunctions.Outcomes;
using HealthFunctions.Rescoring;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Configuration;
using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.ServiceBus;
using HealthFunctions.Storage.Tables;
using HealthFunctions.Tasks;
using HealthFunctions.Webhooks;
using Microsoft.Extensions.Options;

namespace HealthFunctions;

/// <summary>Wires the app: options, clients, stores, services, and the local drivers when there is no Functions host.</summary>
public static class HealthFunctionsSetup
{
    /// <summary>Registers everything the app needs.</summary>
    public static IHostApplicationBuilder AddHealthFunctions(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = HostingMode.From(configuration);
        builder.Services.AddOptions<PipelineOptions>()
            .Bind(configuration.GetSection(PipelineOptions.Section))
            .Configure(o =>
            {
                o.ScoreChangesTopic = configuration[SettingNames.ScoreChangesTopic] ?? o.ScoreChangesTopic;
                o.PlaybooksSubscription = configuration[SettingNames.PlaybooksSubscription] ?? o.PlaybooksSubscription;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(mode);
        services.AddHealthAzureClients(configuration, serviceBus: !mode.IsLocal);
        // The old clients, until the messaging and local drivers move to the SDK: PoisonStore, the local topic and queues.
        services.AddSingleton<ITableServiceClient>(_ => AzureClientFactory.CreateTableService(configuration, SettingNames.HealthStorage));
        services.AddSingleton<IQueueServiceClient>(_ => AzureClientFactory.CreateQueueService(configuration, SettingNames.HealthStorage));
        if (mode.IsLocal)
        {
            services.AddSingleton<IServiceBusSender, LocalTopicSender>();
        }
        else
        {
            services.AddSingleton(sp => AzureClientFactory.CreateServiceBus(configuration, SettingNames.ServiceBusConnection)
                .CreateSender(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ScoreChangesTopic));
        }

        services.AddSingleton<TableNames>();
        services.AddSingleton<ModelProvider>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<OutcomeStore>();
        services.AddSingleton<BacktestService>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<ScoreChangePublisher>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<RescoreService>();
        services.AddSingleton<AccountQueries>();
        services.AddSingleton<WebhookMappingProvider>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<WebhookArchive>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<DispatchPlaybooksFunction>();
        services.AddHttpClient<TaskWebhookNotifier>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<StorageInitializer>();
        if (mode.IsLocal)
        {
            services.AddHostedService<LocalTimerDriver>();
            services.AddSingleton<LocalBusDriver>();
            services.AddHostedService(sp => sp.GetRequiredService<LocalBusDriver>());
        }

        services.AddExceptionHandler<ProblemResults>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJson.Default));
        return builder;
    }

    /// <summary>Maps every endpoint.</summary>
    public static WebApplication MapHealthFunctions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapGet("/", () => Results.Json(new HealthStatus("ok", app.Services.GetRequiredService<HostingMode>().Name,
            app.Services.GetRequiredService<ModelProvider>().Current.Version), AppJson.Default.HealthStatus));
        app.MapGet("/api/healthz", (HostingMode mode, ModelProvider models) =>
            Results.Json(new HealthStatus("ok", mode.Name, models.Current.Version), AppJson.Default.HealthStatus));
        app.MapIngestion();
        app.MapAccounts();
        app.MapRescore();
        app.MapCalibration();
        app.MapWebhooks();
        app.MapFunctionInvocations();
        return app;
    }
}

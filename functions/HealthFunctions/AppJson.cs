using System.Text.Json;
using System.Text.Json.Serialization;
using HealthFunctions.Access;
using HealthFunctions.Accounts;
using HealthFunctions.Calibration;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Messaging;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Rescoring;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using HealthFunctions.Webhooks;
using HealthScoring;
using HealthScoring.Calibration;

namespace HealthFunctions;

/// <summary>Every JSON shape the app reads or writes, serialized without reflection, camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, DateOnly>))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(IngestResult))]
[JsonSerializable(typeof(AccountProfileData))]
[JsonSerializable(typeof(AccountHealth))]
[JsonSerializable(typeof(HealthHistory))]
[JsonSerializable(typeof(PortfolioSummary))]
[JsonSerializable(typeof(TaskPage))]
[JsonSerializable(typeof(HealthFunctions.Scoring.ModelChanges))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(TaskBulkResult))]
[JsonSerializable(typeof(PlaybookTaskRecord))]
[JsonSerializable(typeof(IReadOnlyList<TaskStep>))]
[JsonSerializable(typeof(IReadOnlyList<TaskChange>))]
[JsonSerializable(typeof(AccountPage))]
[JsonSerializable(typeof(AccountDetail))]
[JsonSerializable(typeof(CsmState))]
[JsonSerializable(typeof(RescoreSummary))]
[JsonSerializable(typeof(HealthResult))]
[JsonSerializable(typeof(CsmPulse))]
[JsonSerializable(typeof(StoredPopulation))]
[JsonSerializable(typeof(ManualOverride))]
[JsonSerializable(typeof(ScoreChangedEvent))]
[JsonSerializable(typeof(LocalEnvelope))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(OutcomeIngestResult))]
[JsonSerializable(typeof(BacktestReport))]
[JsonSerializable(typeof(CalibrationResult))]
[JsonSerializable(typeof(HealthFunctions.Calibration.Jobs.JobView))]
[JsonSerializable(typeof(HealthFunctions.Calibration.Jobs.JobList))]
[JsonSerializable(typeof(HealthFunctions.Calibration.Jobs.JobResult))]
[JsonSerializable(typeof(HealthFunctions.Scoring.ModelList))]
[JsonSerializable(typeof(HealthFunctions.Scoring.ProposedModelInfo))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ActivationResult))]
[JsonSerializable(typeof(WebhookResult))]
[JsonSerializable(typeof(ReplaySummary))]
[JsonSerializable(typeof(IReadOnlyList<SkippedItem>))]
[JsonSerializable(typeof(ParkedDeliveryPage))]
[JsonSerializable(typeof(HealthFunctions.Dispatch.DrainSummary))]
[JsonSerializable(typeof(MeView))]
[JsonSerializable(typeof(HealthFunctions.Audit.AuditTrailPage))]
[JsonSerializable(typeof(TaskState))]
internal sealed partial class AppJson : JsonSerializerContext;

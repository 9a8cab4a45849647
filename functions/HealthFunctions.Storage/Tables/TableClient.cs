using System.Buffers;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// One table over the Table REST API: entity CRUD with ETag concurrency, streamed queries and entity-group
/// transactions. Keys are validated before any request; created by <see cref="TableServiceClient.GetTableClient"/>.
/// </summary>
public sealed partial class TableClient : ITableClient
{
    internal const string MinimalMetadata = "application/json;odata=minimalmetadata";
    internal const string NoMetadata = "application/json;odata=nometadata";
    private static readonly RequestMethod s_merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string tableName)
    {
        ValidateTableName(tableName);
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = tableName;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, appendTable: false);
        message.Request.Uri.AppendPath("/Tables", escape: false);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = JsonContent(w =>
        {
            w.WriteStartObject();
            w.WriteString("TableName", Name);
            w.WriteEndObject();
        }, message.Request);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 409)
        {
            throw ServiceError.Create(response, $"Creating table '{Name}'");
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, appendTable: false);
        message.Request.Uri.AppendPath("/Tables('", escape: false);
        message.Request.Uri.AppendPath(Name, escape: false);
        message.Request.Uri.AppendPath("')", escape: false);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return false;
        }

        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Deleting table '{Name}'");
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, IReadOnlyList<string>? select = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateEntityMessage(RequestMethod.Get, partitionKey, rowKey);
        if (select is { Count: > 0 })
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', select), escapeValue: true);
        }

        message.Request.Headers.SetValue(HttpHeader.Names.Accept, MinimalMetadata);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Reading an entity from table '{Name}'");
        }

        var entity = EntityJsonReader.ReadSingle(response.Content.ToMemory());
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    /// <inheritdoc />
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ValidateEntity(entity);
        using var message = CreateMessage(RequestMethod.Post);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = EntityContent(entity, message.Request);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var (code, text) = ServiceError.Read(response);
            throw new TableEntityExistsException(
                ServiceError.Describe(response, $"Inserting into table '{Name}'", code, text), code ?? "EntityAlreadyExists");
        }

        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Inserting into table '{Name}'");
        }

        return response.Headers.ETag ?? default;
    }

    /// <inheritdoc />
    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch: null, cancellationToken);

    /// <inheritdoc />
    public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch == default ? ETag.All : ifMatch, cancellationToken);

    /// <inheritdoc />
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateEntityMessage(RequestMethod.Delete, partitionKey, rowKey);
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, (ifMatch == default ? ETag.All : ifMatch).ToString());
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return;
        }

        ThrowIfConflictOrError(response, $"Deleting from table '{Name}'");
    }

    private async Task<ETag> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, ETag? ifMatch, CancellationToken cancellationToken)
    {
        ValidateEntity(entity);
        using var message = CreateEntityMessage(mode == TableUpdateMode.Replace ? RequestMethod.Put : s_merge, entity.PartitionKey, entity.RowKey);
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, etag.ToString());
        }

        message.Request.Content = EntityContent(entity, message.Request);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (ifMatch is not null && response.Status == 404)
        {
            var (code, text) = ServiceError.Read(response);
            throw new TableConcurrencyException(ServiceError.Describe(response, $"Updating table '{Name}'", code, text), 404, code);
        }

        ThrowIfConflictOrError(response, $"Writing to table '{Name}'");
        return response.Headers.ETag ?? default;
    }

    private static void ThrowIfConflictOrError(Response response, string operation)
    {
        if (response.Status == 412)
        {
            var (code, text) = ServiceError.Read(response);
            throw new TableConcurrencyException(ServiceError.Describe(response, operation, code, text), 412, code ?? "UpdateConditionNotSatisfied");
        }

        if (response.IsError)
        {
            throw ServiceError.Create(response, operation);
        }
    }

    private async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private HttpMessage CreateMessage(RequestMethod method, bool appendTable = true)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        if (appendTable)
        {
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(Name, escape: false);
        }

        request.Headers.SetValue(HttpHeader.Names.Accept, NoMetadata);
        return message;
    }

    private HttpMessage CreateEntityMessage(RequestMethod method, string partitionKey, string rowKey)
    {
        TableKey.Validate(partitionKey, nameof(partitionKey));
        TableKey.Validate(rowKey, nameof(rowKey));
        var message = CreateMessage(method);
        AppendEntityPath(message.Request.Uri, partitionKey, rowKey);
        return message;
    }

    internal static void AppendEntityPath(RequestUriBuilder uri, string partitionKey, string rowKey)
    {
        uri.AppendPath("(PartitionKey='", escape: false);
        uri.AppendPath(partitionKey.Replace("'", "''", StringComparison.Ordinal), escape: true);
        uri.AppendPath("',RowKey='", escape: false);
        uri.AppendPath(rowKey.Replace("'", "''", StringComparison.Ordinal), escape: true);
        uri.AppendPath("')", escape: false);
    }

    private static RequestContent EntityContent(TableEntity entity, Request request) =>
        JsonContent(w => EntityJsonWriter.Write(w, entity), request);

    private static RequestContent JsonContent(Action<Utf8JsonWriter> write, Request request)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        return RequestContent.Create(buffer.WrittenMemory);
    }

    private static void ValidateEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKey.Validate(entity.PartitionKey, "PartitionKey");
        TableKey.Validate(entity.RowKey, "RowKey");
    }

    private static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (tableName.Length is < 3 or > 63 || !char.IsAsciiLetter(tableName[0]) || !tableName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"'{tableName}' is not a valid table name: 3-63 letters and digits, starting with a letter.", nameof(tableName));
        }
    }
}

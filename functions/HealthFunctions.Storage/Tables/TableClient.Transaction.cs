using Azure;
using Azure.Core;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Tables;

public sealed partial class TableClient
{
    /// <summary>The most operations one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions,
        CancellationToken cancellationToken = default)
    {
        ValidateTransaction(actions);
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath("/$batch", escape: false);
        var (body, contentType) = TableBatchWriter.Write(new Uri(_endpoint.AbsoluteUri + "/" + Name), actions);
        request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
        request.Headers.SetValue(HttpHeader.Names.Accept, NoMetadata);
        request.Content = RequestContent.Create(body);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            var (code, text) = ServiceError.Read(response);
            throw new TableTransactionFailedException(
                ServiceError.Describe(response, $"Transaction on table '{Name}'", code, text), response.Status, code,
                TableBatchResponse.ParseIndex(text));
        }

        var parsed = TableBatchResponse.Parse(response.Content.ToMemory().Span);
        if (parsed.Failure is { } failure)
        {
            var index = TableBatchResponse.ParseIndex(failure.Message);
            throw new TableTransactionFailedException(
                $"Transaction on table '{Name}' failed with HTTP {failure.Status} ({failure.Code}) at operation {index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: {failure.Message}",
                failure.Status, failure.Code, index);
        }

        if (parsed.Parts.Count != actions.Count)
        {
            throw new RequestFailedException(response.Status,
                $"Transaction on table '{Name}' returned {parsed.Parts.Count} results for {actions.Count} operations.");
        }

        return parsed.Parts.Select(p => p.ETag).ToArray();
    }

    private static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException(
                $"A transaction holds 1 to {MaxTransactionActions} operations; got {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity ?? throw new ArgumentException($"Operation {i} has no entity.", nameof(actions));
            ValidateEntity(entity);
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Operation {i} has PartitionKey '{entity.PartitionKey}', but a transaction covers one partition ('{partitionKey}').",
                    nameof(actions));
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new ArgumentException($"Operation {i} repeats RowKey '{entity.RowKey}'; an entity may appear once per transaction.",
                    nameof(actions));
            }
        }
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Writes an entity-group transaction body: one multipart/mixed batch holding one changeset, each operation an
/// application/http part with its full request line, headers and JSON body.
/// </summary>
internal static class TableBatchWriter
{
    public static (ReadOnlyMemory<byte> Body, string ContentType) Write(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var buffer = new ArrayBufferWriter<byte>(actions.Count * 512 + 256);
        using var json = new Utf8JsonWriter(buffer);
        var tableUriText = tableUri.AbsoluteUri;

        Append(buffer, $"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        var entityUri = new RequestUriBuilder();
        foreach (var action in actions)
        {
            Append(buffer, $"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            var entity = action.Entity;
            var (method, hasBody, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", true, (ETag?)null),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, null),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, OrAll(action.ETag)),
                TableTransactionActionType.UpdateReplace => ("PUT", true, OrAll(action.ETag)),
                TableTransactionActionType.Delete => ("DELETE", false, OrAll(action.ETag)),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };

            string target;
            if (action.ActionType == TableTransactionActionType.Add)
            {
                target = tableUriText;
            }
            else
            {
                entityUri.Reset(tableUri);
                TableClient.AppendEntityPath(entityUri, entity.PartitionKey, entity.RowKey);
                target = entityUri.ToString();
            }

            Append(buffer, $"{method} {target} HTTP/1.1\r\nAccept: {TableClient.NoMetadata}\r\nDataServiceVersion: 3.0\r\n");
            if (ifMatch is { } etag)
            {
                Append(buffer, $"If-Match: {etag}\r\n");
            }

            if (hasBody)
            {
                Append(buffer, "Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n");
                EntityJsonWriter.Write(json, entity);
                json.Flush();
                json.Reset();
                Append(buffer, "\r\n");
            }
            else
            {
                Append(buffer, "\r\n");
            }
        }

        Append(buffer, $"--{changeset}--\r\n\r\n--{batch}--\r\n");
        return (buffer.WrittenMemory, "multipart/mixed; boundary=" + batch);
    }

    private static ETag OrAll(ETag etag) => etag == default ? ETag.All : etag;

    private static void Append(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}

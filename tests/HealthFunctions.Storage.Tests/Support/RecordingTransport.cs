using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Tests.Support;

/// <summary>
/// An Azure.Core transport that records every request (method, URI, headers, body) and answers with a canned
/// response, so the exact wire format can be asserted without a server.
/// </summary>
internal sealed class RecordingTransport(Func<RecordedRequest, (int Status, string? Body)>? respond = null) : HttpPipelineTransport
{
    private readonly Func<RecordedRequest, (int Status, string? Body)> _respond = respond ?? (_ => (201, null));

    public List<RecordedRequest> Requests { get; } = [];

    public override Request CreateRequest() => new RecordingRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        byte[] body = [];
        if (request.Content is not null)
        {
            using var stream = new MemoryStream();
            await request.Content.WriteToAsync(stream, message.CancellationToken);
            body = stream.ToArray();
        }

        var recorded = new RecordedRequest(request.Method.Method, request.Uri.ToUri(),
            request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), body);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        var (status, responseBody) = _respond(recorded);
        message.Response = new CannedResponse(status, responseBody, request.ClientRequestId);
    }

    private sealed class RecordingRequest : Request
    {
        private readonly Dictionary<string, List<string>> _headers = new(StringComparer.OrdinalIgnoreCase);

        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

        public override void Dispose()
        {
        }

        protected override void AddHeader(string name, string value)
        {
            if (!_headers.TryGetValue(name, out var values))
            {
                _headers[name] = values = [];
            }

            values.Add(value);
        }

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
            _headers.Select(h => new HttpHeader(h.Key, string.Join(",", h.Value)));

        protected override bool RemoveHeader(string name) => _headers.Remove(name);

        protected override bool TryGetHeader(string name, out string value)
        {
            var found = _headers.TryGetValue(name, out var values);
            value = found ? string.Join(",", values!) : null!;
            return found;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            var found = _headers.TryGetValue(name, out var list);
            values = list ?? [];
            return found;
        }
    }

    private sealed class CannedResponse(int status, string? body, string clientRequestId) : Response
    {
        public override int Status => status;

        public override string ReasonPhrase => status < 400 ? "OK" : "Error";

        public override Stream? ContentStream { get; set; } =
            new MemoryStream(body is null ? [] : System.Text.Encoding.UTF8.GetBytes(body));

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = null!;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}

/// <summary>One request as it would have gone on the wire.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

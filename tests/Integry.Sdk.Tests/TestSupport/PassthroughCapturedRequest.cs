using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.TestSupport;

/// <summary>
/// A copy of an onward request as it reached the mock, taken while the request is still alive (the executor
/// disposes it, and its content, once the call returns).
/// </summary>
internal sealed record PassthroughCapturedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[]? Body)
{
    public static async Task<PassthroughCapturedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        byte[]? body = null;
        if (request.Content is { } content)
        {
            body = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }

        return new PassthroughCapturedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
    }

    public string? BodyText => Body is null ? null : Encoding.UTF8.GetString(Body);
}

internal static class PassthroughMockExtensions
{
    /// <summary>Answers with a status and a body, and keeps a copy of each request that matched.</summary>
    public static MockedRequest RespondCapturing(this MockedRequest mocked, List<PassthroughCapturedRequest> sink, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json", string body = "{\"ok\":true}")
    {
        mocked.Respond(async request =>
        {
            sink.Add(await PassthroughCapturedRequest.FromAsync(request).ConfigureAwait(false));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        });
        return mocked;
    }

    /// <summary>Answers with exactly these bytes and this Content-Type header (none when <see langword="null"/>).</summary>
    public static MockedRequest RespondBytes(this MockedRequest mocked, HttpStatusCode status, string? contentType, byte[] body, Action<HttpResponseMessage>? configure = null)
    {
        mocked.Respond(_ =>
        {
            var content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            var response = new HttpResponseMessage(status) { Content = content };
            configure?.Invoke(response);
            return response;
        });
        return mocked;
    }
}

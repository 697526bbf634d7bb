using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.TestSupport;

/// <summary>A MockHttp stand-in for api.integry.io whose unmatched requests fail the test.</summary>
internal sealed class IntegryApi : IDisposable
{
    public const string AppKey = "0b6c9a4e-3f1d-4b8e-9c2a-7d5e1f0a8b3c";
    public const string AppSecret = "s3cr3t";
    public const string UserId = "user@example.com";
    public const string UserHash = "dd2628e5d72843c60221845e1efaea775000caee5b4616b35ebbcd2891afe01c";
    public const string Base = "https://api.integry.test/";
    public const string JsonContentType = "application/json; charset=utf-8";

    public IntegryApi()
    {
        Handler.Fallback.Throw(new UnexpectedRequestException());
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public int UnexpectedRequests => Handler.GetMatchCount(Handler.Fallback);

    public IntegryClient CreateClient(string? userId = UserId, string baseAddress = Base) =>
        new(new IntegryClientOptions { AppKey = AppKey, AppSecret = AppSecret, UserId = userId, BaseAddress = new Uri(baseAddress), HttpClient = Handler.ToHttpClient() });

    /// <summary>Expects a signed POST with a JSON body at a path under <see cref="Base"/>.</summary>
    public MockedRequest ExpectPost(string path, string userId = UserId, string hash = UserHash) =>
        Handler.Expect(HttpMethod.Post, Base + path)
            .WithHeaders("App-Key", AppKey)
            .WithHeaders("User-ID", userId)
            .WithHeaders("Hash", hash)
            .With(request => request.Content?.Headers.ContentType?.ToString() == JsonContentType);

    public static MockedRequest RespondJson(MockedRequest request, string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        request.Respond(status, "application/json", json);
        return request;
    }

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public void Dispose() => Handler.Dispose();
}

internal sealed class UnexpectedRequestException : Exception
{
    public UnexpectedRequestException()
        : base("The test did not expect this request.")
    {
    }
}

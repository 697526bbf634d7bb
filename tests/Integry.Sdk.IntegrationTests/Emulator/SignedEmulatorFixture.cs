using System.Security.Cryptography;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Emulator;

/// <summary>
/// Tests of the emulator's raw wire: one <see cref="ConformanceWorld"/> (page size 5) per class, and requests signed as
/// Integry's clients sign them (App-Key, User-ID, the HMAC Hash of the user id) for <c>user-1</c>.
/// </summary>
public abstract class SignedEmulatorFixture
{
    private ConformanceWorld? _world;
    private HttpClient? _http;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync()
    {
        _world = await ConformanceWorld.StartAsync(pageSize: 5);
        _http = new HttpClient { BaseAddress = _world.Emulator.BaseAddress };
    }

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        _http?.Dispose();
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    /// <summary>The client on the emulator's base address, for requests the test builds itself (unsigned or mis-signed).</summary>
    protected HttpClient Http => _http ?? throw new InvalidOperationException("The emulator starts in OneTimeSetUp.");

    /// <summary>Sends a signed request for <c>user-1</c>, with the body as JSON when there is one.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("App-Key", ConformanceWorld.AppKey);
        request.Headers.Add("User-ID", "user-1");
        request.Headers.Add("Hash", Hash(ConformanceWorld.AppSecret, "user-1"));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Integry's signature of a user id: the lower-case hex HMAC-SHA256 under the app secret.</summary>
    protected static string Hash(string secret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// One Kestrel server on 127.0.0.1 (OS-picked port), started once per process, and the clients every benchmark
/// shares. Every answer is a precomputed byte array, so the server allocates next to nothing per request.
/// </summary>
public sealed class BenchServer
{
    public const string AppSlug = "bench";
    public const string PassthroughFunction = "bench-passthrough-request";
    public const int Size100B = 100;
    public const int Size10KB = 10 * 1024;
    public const int Size1MB = 1024 * 1024;
    public const int Size64MB = 64 * 1024 * 1024;
    public const string UserId = "user-1";
    public const string AppKey = "k";
    public const string AppSecret = "s";

    public static readonly AuthenticationHeaderValue Authorization = new("Bearer", "t");
    public static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private static readonly Lazy<BenchServer> LazyInstance = new(() => new BenchServer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, byte[]> _payloads = [];
    private readonly Dictionary<string, byte[]> _envelopes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private BenchServer()
    {
        foreach (var size in new[] { Size100B, Size10KB, Size1MB, Size64MB })
        {
            var payload = Payloads.Create(size);
            _payloads[size] = payload;
            _envelopes[RemoteFunction(size)] = [.. "{\"network_code\":\"200\",\"output\":"u8, .. payload, .. "}"u8];
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        RawClient = NewClient();
        RefitApi = RestService.For<IBenchApi>(NewClient(BaseAddress));
        RemoteRawClient = NewClient(BaseAddress);

        PassthroughClient = PassthroughClientWith(callLog: null);

        RemoteClient = new IntegryClient(
            new IntegryClientOptions { AppKey = AppKey, AppSecret = AppSecret, UserId = UserId, BaseAddress = BaseAddress, HttpClient = NewClient() });
        // The SDK signs once per user (HMAC-SHA256 of the user id with the secret); the baseline does the same, once.
        RemoteHash = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(UserId)));
    }

    public static BenchServer Instance => LazyInstance.Value;

    /// <summary>A client whose local executor sends to this server (its own connection pools), with this call log (the default in-memory one when null).</summary>
    public IntegryClient PassthroughClientWith(IFunctionCallLog? callLog, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var options = new PassthroughOptions
        {
            // 64 MB responses are measured too.
            MaxResponseBytes = 128L * 1024 * 1024,
            Handler = (wrap ?? (handler => handler))(PassthroughExecutor.CreatePrimaryHandler()),
            CallLog = callLog,
        };
        options.Apps.Add(new AppDefinition
        {
            Slug = AppSlug,
            DisplayName = "Bench",
            Hosts = ["127.0.0.1"],
            BaseUrl = BaseAddress.AbsoluteUri,
            AllowLocalNetwork = true,
        });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect(UserId, AppSlug, new Credential.BearerToken("t"));
        return new IntegryClient(new IntegryClientOptions { UserId = UserId, PassthroughExecutor = new PassthroughExecutor(credentials, options) });
    }

    public Uri BaseAddress { get; }

    /// <summary>Gets the raw baseline client: the same handler settings as <see cref="PassthroughExecutor.CreatePrimaryHandler"/>
    /// (no redirects, no cookies, every decompression, 2-minute pooled connections), without the SDK's connect callback.</summary>
    public HttpClient RawClient { get; }

    public HttpClient RemoteRawClient { get; }

    public IBenchApi RefitApi { get; }

    public IntegryClient PassthroughClient { get; }

    public IntegryClient RemoteClient { get; }

    public string RemoteHash { get; }

    public static string RemoteFunction(int size) => $"payload-{size}";

    public Uri PayloadUri(int size) => new(BaseAddress, $"payload/{size}");

    /// <summary>The raw clients' handler: the settings of <see cref="PassthroughExecutor.CreatePrimaryHandler"/> without its connect callback.</summary>
    public static SocketsHttpHandler NewHandler(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connectCallback = null) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = connectCallback,
    };

    /// <summary>The arguments of a passthrough GET of the payload of this size.</summary>
    public JsonElement PassthroughArguments(int size) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["method"] = "GET", ["url"] = PayloadUri(size).AbsoluteUri });

    public static HttpClient NewClient(Uri? baseAddress = null, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connectCallback = null) => new(NewHandler(connectCallback))
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        byte[]? answer = null;
        if (path.StartsWith("/payload/", StringComparison.Ordinal) && int.TryParse(path.AsSpan(9), out var size))
        {
            if (context.Request.Headers.Authorization.Count == 0)
            {
                context.Response.StatusCode = 401;
                return;
            }

            _payloads.TryGetValue(size, out answer);
        }
        else if (context.Request.Method == "POST" && path.StartsWith("/functions/", StringComparison.Ordinal) && path.EndsWith("/call/", StringComparison.Ordinal))
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync();
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            _envelopes.TryGetValue(path["/functions/".Length..^"/call/".Length], out answer);
        }

        if (answer is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer);
    }
}

/// <summary>Realistic JSON of an exact size: an array of records, padded with one string to the byte.</summary>
public static class Payloads
{
    public static byte[] Create(int size)
    {
        var json = new StringBuilder(size + 256);
        json.Append("{\"items\":[");
        const string Tail = "],\"pad\":\"\"}";
        for (var i = 0; ; i++)
        {
            var item = $"{(i == 0 ? "" : ",")}{{\"id\":{i},\"name\":\"item-{i}\",\"active\":{(i % 2 == 0 ? "true" : "false")},\"score\":{i % 97}.5,\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\"}}";
            if (json.Length + item.Length + Tail.Length > size)
            {
                break;
            }

            json.Append(item);
        }

        json.Append("],\"pad\":\"").Append('x', Math.Max(0, size - json.Length - 10)).Append("\"}");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        using var check = JsonDocument.Parse(bytes);
        return bytes;
    }
}

[Headers("Authorization: Bearer t")]
public interface IBenchApi
{
    [Get("/payload/{size}")]
    Task<JsonElement> GetPayloadAsync(int size);
}

using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Integry.Sdk.Testing;

/// <summary>
/// A stand-in for an app's API on 127.0.0.1 and a port the OS picks: the routes you map, canned or computed answers,
/// every request recorded, and optionally an OAuth2 token endpoint. Register <see cref="Definition"/> with the local
/// executor or the emulator so passthroughs reach it.
/// </summary>
/// <example>
/// <code>
/// await using var crm = await FakeApp.StartAsync("localcrm", app => app
///     .MapGet("/contacts", FakeResponse.Json("""{"results":[]}"""))
///     .RequireBearerToken("local-token"));
/// </code>
/// </example>
public sealed class FakeApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<FakeRequest> _requests = [];
    private readonly object _gate = new();

    private FakeApp(WebApplication app, string slug, string displayName, Uri baseAddress)
    {
        _app = app;
        Slug = slug;
        BaseAddress = baseAddress;
        Definition = new AppDefinition
        {
            Slug = slug,
            DisplayName = displayName,
            Hosts = ["127.0.0.1"],
            BaseUrl = baseAddress.AbsoluteUri,
            AllowLocalNetwork = true,
        };
    }

    /// <summary>Gets the app's slug.</summary>
    public string Slug { get; }

    /// <summary>Gets the app's base address, such as <c>http://127.0.0.1:49152/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the app as the executor's catalog knows apps: loopback host, this base URL, bearer tokens in <c>Authorization</c>.</summary>
    public AppDefinition Definition { get; }

    /// <summary>Gets the OAuth2 token endpoint, when the app was built with <see cref="FakeAppBuilder.UseOAuth"/>.</summary>
    /// <exception cref="InvalidOperationException">The app has no OAuth server.</exception>
    public FakeOAuthServer OAuth => OAuthServer ?? throw new InvalidOperationException($"The fake app '{Slug}' was built without UseOAuth().");

    /// <summary>Gets the requests the app's API received so far (token endpoint calls excluded), oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    private FakeOAuthServer? OAuthServer { get; set; }

    /// <summary>Starts a fake app on 127.0.0.1.</summary>
    /// <param name="slug">The app's slug, such as <c>localcrm</c>; passthroughs call it as <c>&lt;slug&gt;-passthrough-request</c>.</param>
    /// <param name="configure">Maps routes and sets authentication.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running app.</returns>
    public static async Task<FakeApp> StartAsync(string slug, Action<FakeAppBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        ArgumentNullException.ThrowIfNull(configure);
        var description = new FakeAppBuilder(slug);
        configure(description);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        builder.Services.AddSingleton<IHostLifetime, TestHostLifetime>();
        var app = builder.Build();

        // The address is known only once Kestrel has bound, so the routes reach the instance through this box.
        FakeApp? instance = null;
        foreach (var route in description.Routes)
        {
            app.MapMethods(route.Pattern, [route.Method], (HttpContext context) => instance!.ServeAsync(context, route.Respond));
        }

        if (description.OAuth is not null)
        {
            app.MapPost(FakeOAuthServer.TokenPath, (HttpContext context) => instance!.OAuth.HandleAsync(context));
        }

        app.MapFallback((HttpContext context) => instance!.ServeAsync(context, static _ => FakeResponse.Json("""{"error":"not_found"}""", StatusCodes.Status404NotFound)));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var baseAddress = new Uri(app.Urls.Single() + "/");
        instance = new FakeApp(app, slug, description.DisplayName, baseAddress)
        {
            OAuthServer = description.OAuth is { } oauth ? new FakeOAuthServer(oauth, slug, baseAddress) : null,
            RequiredBearerToken = description.RequiredBearerToken,
        };
        return instance;
    }

    /// <summary>Forgets the requests recorded so far.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private string? RequiredBearerToken { get; init; }

    private async Task ServeAsync(HttpContext context, Func<FakeRequest, FakeResponse> respond)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        FakeResponse response;
        if (!Authorized(request))
        {
            response = FakeResponse.Json(
                """{"error":"invalid_token"}""",
                StatusCodes.Status401Unauthorized,
                new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer error=\"invalid_token\"" });
        }
        else
        {
            try
            {
                response = respond(request);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failing responder is the test's bug: answer 500 with its message rather than drop the connection.
                response = FakeResponse.Text($"The fake app's responder for {request.Method} {request.Path} threw: {exception.Message}", StatusCodes.Status500InternalServerError);
            }
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private bool Authorized(FakeRequest request) =>
        OAuthServer is { } oauth ? oauth.IsLive(request.BearerToken)
        : RequiredBearerToken is not { } token || string.Equals(request.BearerToken, token, StringComparison.Ordinal);

    private async Task<FakeRequest> RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = Join(values);
        }

        var routeValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Request.RouteValues)
        {
            routeValues[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        var request = new FakeRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            headers,
            body.ToArray(),
            routeValues);
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static string Join(StringValues values) => values.Count == 1 ? values[0] ?? string.Empty : string.Join(", ", values.ToArray());
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// An <see cref="IntegryClient"/> on Integry's path, pointed at a misbehaving server on 127.0.0.1, built the way an app
/// builds it: <c>AddIntegry</c> with the app's clock, and the caller's own handlers on the named <c>HttpClient</c>.
/// The pipeline also signals each response whose headers arrived (<see cref="HeadersReceived"/>).
/// </summary>
internal sealed class RemoteRig : IAsyncDisposable
{
    public const string AppKey = "6f1c2b9e-8d3a-4e5f-a7b6-0c9d8e7f6a5b";
    public const string AppSecret = "remote-app-secret-7Q2x";
    public const string UserId = "user-remote-1";
    public const string FunctionName = "slack-post-message";
    public const string CallPath = "/functions/slack-post-message/call/";
    public const string Arguments = """{"channel":"C1","text":"hi"}""";

    /// <summary>The per-user hash the client sends: HMAC-SHA256 of the user id keyed with the app secret.</summary>
    public static readonly string Hash = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(UserId))).ToLowerInvariant();

    private readonly ServiceProvider _services;

    private RemoteRig(ServiceProvider services, FaultSignals headersReceived)
    {
        _services = services;
        HeadersReceived = headersReceived;
        Client = services.GetRequiredService<IntegryClient>();
    }

    public IntegryClient Client { get; }

    public FaultSignals HeadersReceived { get; }

    public static RemoteRig Create(FaultServer server, TimeSpan? timeout = null, TimeProvider? clock = null, Func<DelegatingHandler>? callersHandler = null, Action<IntegryBuilder>? configure = null) =>
        Create(server.BaseAddress, timeout, clock, callersHandler, configure);

    /// <summary>Builds the client.</summary>
    /// <param name="baseAddress">The address of the server that plays Integry.</param>
    /// <param name="timeout"><see cref="IntegryClientOptions.Timeout"/>.</param>
    /// <param name="clock">The app's clock (a fake one lets a test end a wait without waiting).</param>
    /// <param name="callersHandler">A handler the caller adds to the pipeline, outermost.</param>
    /// <param name="configure">More set-up of the builder, such as <see cref="IntegryBuilder.AddSafeRetries"/>.</param>
    public static RemoteRig Create(Uri baseAddress, TimeSpan? timeout = null, TimeProvider? clock = null, Func<DelegatingHandler>? callersHandler = null, Action<IntegryBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock ?? Fault.StillClock());
        var builder = services.AddIntegry(options =>
        {
            options.AppKey = AppKey;
            options.AppSecret = AppSecret;
            options.UserId = UserId;
            options.BaseAddress = baseAddress;
            options.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        });
        if (callersHandler is not null)
        {
            builder.ApiHttpClient.AddHttpMessageHandler(callersHandler);
        }

        configure?.Invoke(builder);

        var headersReceived = new FaultSignals();
        builder.ApiHttpClient.AddHttpMessageHandler(() => new HeadersSignalHandler(headersReceived));
        return new RemoteRig(services.BuildServiceProvider(), headersReceived);
    }

    public Task<Result> CallAsync(CancellationToken cancellationToken = default) =>
        Client.InvokeFunctionAsync(FunctionName, JsonNode.Parse(Arguments)!.AsObject(), connectedAccountId: null, cancellationToken);

    /// <summary>Runs the call and returns what it threw, failing (not hanging) if it never completes.</summary>
    public static async Task<Exception?> CatchAsync(Task<Result> call)
    {
        try
        {
            var result = await Fault.Within(call);
            Assert.Fail($"Expected an exception, got {result.ToJson()}");
            return null;
        }
        catch (AssertionException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Asserts that the server saw exactly one signed call with the arguments, as Integry would.</summary>
    public static void AssertOneSignedCall(FaultServer server)
    {
        var seen = server.Requests;
        Assert.That(seen, Has.Count.EqualTo(1), "a call to Integry is never retried by the SDK: it may run an action");
        var request = seen[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.PathAndQuery, Is.EqualTo(CallPath));
            Assert.That(request.Headers["App-Key"], Is.EqualTo(AppKey));
            Assert.That(request.Headers["User-ID"], Is.EqualTo(UserId));
            Assert.That(request.Headers["Hash"], Is.EqualTo(Hash));
            Assert.That(request.Body, Is.EqualTo(Arguments));
        }
    }

    /// <summary>Asserts the caller got an <see cref="IntegryException"/> (exactly that type) of a kind, with no secret in any text it can print.</summary>
    public static IntegryException AssertIntegryException(Exception? thrown, IntegryErrorKind kind, bool transient, HttpStatusCode? status = null)
    {
        Assert.That(thrown, Is.TypeOf<IntegryException>(), () => $"The caller got {Fault.Describe(thrown)}");
        var exception = (IntegryException)thrown!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Kind, Is.EqualTo(kind));
            Assert.That(exception.IsTransient, Is.EqualTo(transient));
            Assert.That(exception.StatusCode, Is.EqualTo(status));
        }

        AssertNoSecret(exception.ToString(), "the exception with its inner exceptions");
        AssertNoSecret(exception.ResponseBody, "ResponseBody");
        return exception;
    }

    public static void AssertNoSecret(string? text, string what)
    {
        foreach (var secret in new[] { AppSecret, Hash, AppKey })
        {
            Assert.That(text?.Contains(secret, StringComparison.OrdinalIgnoreCase) == true, Is.False, $"{what} carries a secret: {text}");
        }
    }

    /// <summary>Describes what the caller got, kind and transience included, for the fault table.</summary>
    public static string Describe(Exception? thrown) => thrown is IntegryException integry
        ? $"{integry.GetType().Name} Kind={integry.Kind} IsTransient={integry.IsTransient}{(integry.StatusCode is { } status ? $" Status={(int)status}" : string.Empty)} (inner {integry.InnerException?.GetType().Name ?? "none"}): {integry.Message}"
        : Fault.Describe(thrown);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

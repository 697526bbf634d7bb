using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.SafeRetries;

/// <summary>
/// <c>AddSafeRetries()</c> on real sockets (127.0.0.1, OS-picked ports), waits on a fake clock. The design (README,
/// "Retries and timeouts"): every route to Integry is a POST and <c>functions/{name}/call/</c> runs the function, so a
/// request that may have reached Integry is retried only on the read routes (list, get, predict); on every route a
/// request is retried when it certainly never left (the connection was refused). Each test asserts what the server saw.
/// </summary>
public class SafeRetriesOnRealSocketsTests
{
    private const string ListPath = "/functions/list/?type=ACTION";
    private const string EmptyList = """{"functions":[],"_cursor":null}""";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_refused_connection_is_retried_even_for_a_call_because_nothing_was_sent()
    {
        var clock = new FaultClock();
        using var server = new RawSocketServer(); // bound, not yet listening: connections are refused
        var received = new List<string>();
        await using var rig = RemoteRig.Create(new Uri($"http://127.0.0.1:{server.Port}/"), Deadline, clock, configure: builder => builder.AddSafeRetries());

        var call = rig.CallAsync();
        var backOff = await clock.WhenScheduled(due => due > TimeSpan.Zero && due < Deadline);
        Assert.That(call.IsCompleted, Is.False, "the refused attempt is waiting to be retried");
        server.Listen(async (socket, _, cancellationToken) =>
        {
            var request = await RawSocketServer.ReadRequestAsync(socket, cancellationToken);
            lock (received)
            {
                received.Add(request);
            }

            await RawSocketServer.AnswerAsync(socket, Http200("""{"network_code":"200","output":{"ok":true}}"""), cancellationToken);
        });
        clock.Advance(backOff);
        var result = Fault.Executed(await Fault.Within(call));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.NetworkCode, Is.EqualTo(200));
            Assert.That(server.Connections.Count, Is.EqualTo(1));
            Assert.That(received, Has.Count.EqualTo(1), "the function ran once");
            Assert.That(received[0], Does.StartWith($"POST {RemoteRig.CallPath} HTTP/1.1\r\n").And.EndWith(RemoteRig.Arguments));
        }

        Fault.Report("safe retries: connection refused on a call, then the server listens", Fault.Describe(result), $"{received.Count} request(s) after a back-off of {backOff.TotalMilliseconds:0} ms");
    }

    [Test]
    public async Task A_connection_refused_every_time_ends_after_max_retries_with_a_transport_fault()
    {
        var clock = new FaultClock();
        using var server = new RawSocketServer();
        var connects = 0;
        await using var rig = RemoteRig.Create(
            new Uri($"http://127.0.0.1:{server.Port}/"), Deadline, clock,
            configure: builder =>
            {
                builder.AddSafeRetries(options => options.BaseDelay = TimeSpan.Zero);
                builder.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    // Counts the connection attempts, then connects as the default handler does.
                    ConnectCallback = async (context, cancellationToken) =>
                    {
                        Interlocked.Increment(ref connects);
                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                });
            });

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Transport, transient: true);
        Assert.That(connects, Is.EqualTo(3), "the first attempt and two retries (MaxRetries 2)");
        Assert.That(server.Connections.Count, Is.Zero);
        Assert.That(((HttpRequestException)thrown!.InnerException!).HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
        Fault.Report("safe retries: connection refused 3 times (MaxRetries 2)", RemoteRig.Describe(thrown), "nothing (no connection accepted)");
    }

    [Test]
    public async Task A_reset_after_the_call_was_sent_is_not_retried_because_the_function_may_have_run()
    {
        // The request (head and body) was read: Integry may have run the action.
        await using var server = await FaultServer.StartAsync((context, _) => FaultServer.DropAsync(context));
        await using var rig = RemoteRig.Create(server, Deadline, new FaultClock(), configure: builder => builder.AddSafeRetries(options => options.BaseDelay = TimeSpan.Zero));

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Transport, transient: true);
        RemoteRig.AssertOneSignedCall(server);
        Fault.Report("safe retries: reset after the call was sent", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
    }

    [Test]
    public async Task A_reset_after_a_read_was_sent_is_retried()
    {
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            if (attempt == 1)
            {
                await FaultServer.DropAsync(context);
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(EmptyList);
        });
        await using var rig = RemoteRig.Create(server, Deadline, new FaultClock(), configure: builder => builder.AddSafeRetries(options => options.BaseDelay = TimeSpan.Zero));

        var functions = await Fault.Within(rig.Client.ListFunctionsAsync(FunctionType.Action));

        Assert.That(functions, Is.Empty);
        Assert.That(server.Requests.Select(request => request.PathAndQuery), Is.EqualTo(new[] { ListPath, ListPath }));
        Fault.Report("safe retries: reset after a list was sent", "2 attempts, listed", Fault.Describe(server.Requests));
    }

    [TestCase(503, "7")]
    [TestCase(500, null)]
    public async Task An_error_status_on_a_call_is_not_retried(int status, string? retryAfter)
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"detail":"Try again later."}""");
        });
        var clock = new FaultClock();
        await using var rig = RemoteRig.Create(server, Deadline, clock, configure: builder => builder.AddSafeRetries());

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Server, transient: true, (HttpStatusCode)status);
        RemoteRig.AssertOneSignedCall(server);
        Assert.That(clock.Scheduled, Has.None.EqualTo(TimeSpan.FromSeconds(7)), "no wait was started");
        Fault.Report($"safe retries: {status}{(retryAfter is null ? string.Empty : $" Retry-After {retryAfter}")} on a call", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
    }

    [Test]
    public async Task A_503_with_retry_after_on_a_read_is_retried_after_integrys_wait_on_the_clock()
    {
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            context.Response.ContentType = "application/json";
            if (attempt == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "7";
                await context.Response.WriteAsync("""{"detail":"Try again later."}""");
                return;
            }

            await context.Response.WriteAsync(EmptyList);
        });
        var clock = new FaultClock();
        await using var rig = RemoteRig.Create(server, Deadline, clock, configure: builder => builder.AddSafeRetries());

        var list = rig.Client.ListFunctionsAsync(FunctionType.Action);
        await clock.WhenScheduled(TimeSpan.FromSeconds(7));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.That(list.IsCompleted, Is.False);
        Assert.That(server.Requests, Has.Count.EqualTo(1), "nothing is sent before Integry's Retry-After");
        clock.Advance(TimeSpan.FromSeconds(1));
        var functions = await Fault.Within(list);

        Assert.That(functions, Is.Empty);
        Assert.That(server.Requests.Select(request => request.PathAndQuery), Is.EqualTo(new[] { ListPath, ListPath }));
        Fault.Report("safe retries: 503 Retry-After 7 on a list", "listed after 7 s (fake clock)", Fault.Describe(server.Requests));
    }

    [Test]
    public async Task A_certificate_the_client_refuses_is_not_retried()
    {
        // A TLS handshake to a server that answers in plain text: the client refuses it before any request is sent.
        // Nothing was sent, but the same server would be refused again, so the error comes at once.
        using var server = new RawSocketServer();
        server.Listen((socket, _, cancellationToken) => RawSocketServer.AnswerAsync(socket, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", cancellationToken));
        var clock = new FaultClock();
        await using var rig = RemoteRig.Create(new Uri($"https://127.0.0.1:{server.Port}/"), Deadline, clock, configure: builder => builder.AddSafeRetries());

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Transport, transient: false);
        Assert.That(((HttpRequestException)thrown!.InnerException!).HttpRequestError, Is.EqualTo(HttpRequestError.SecureConnectionError));
        Assert.That(server.Connections.Count, Is.EqualTo(1), "one handshake, no retry");
        Fault.Report("safe retries: TLS handshake refused", RemoteRig.Describe(thrown), "1 connection, no request");
    }

    private static string Http200(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>
/// On Integry's path a call throws only <see cref="IntegryException"/> (besides argument errors and the caller's own
/// cancellation), with a <see cref="IntegryException.Kind"/> and <see cref="IntegryException.IsTransient"/> that match
/// the fault, whatever the HTTP pipeline threw.
/// </summary>
public class RemoteExceptionContractTests
{
    private static Task<Result> CallAnswered(IntegryApi api, HttpStatusCode status, string body, string mediaType = "application/json")
    {
        api.ExpectPost("functions/slack-post-message/call/").Respond(status, mediaType, body);
        return api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());
    }

    private static Task<Result> CallThrowing(IntegryApi api, Exception fault)
    {
        api.ExpectPost("functions/slack-post-message/call/").Throw(fault);
        return api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());
    }

    [TestCase(HttpStatusCode.BadRequest, """{"detail":"Authentication credentials were not provided."}""")]
    [TestCase(HttpStatusCode.BadRequest, """{"detail":"Incorrect authentication credentials."}""")]
    [TestCase(HttpStatusCode.Forbidden, """{"detail":"Authentication credentials were not provided."}""")]
    [TestCase(HttpStatusCode.Unauthorized, "")]
    public async Task Only_integrys_authentication_answers_are_authentication_failures(HttpStatusCode status, string body)
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryAuthenticationException>(() => CallAnswered(api, status, body));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Authentication));
        Assert.That(exception.IsTransient, Is.False);
    }

    [TestCase("""{"detail":"Invalid cursor."}""", "Invalid cursor.")]
    [TestCase("""{"detail":"JSON parse error - Expecting value: line 1 column 1 (char 0)"}""", "JSON parse error")]
    [TestCase("""{"detail":"connected_account_id must not be empty."}""", "connected_account_id")]
    public async Task Another_400_with_a_detail_is_a_protocol_fault_not_an_authentication_failure(string body, string detail)
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.BadRequest, body));

        Assert.That(exception, Is.TypeOf<IntegryException>());
        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Protocol));
        Assert.That(exception.IsTransient, Is.False);
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(exception.Message, Does.Contain(detail).And.Not.Contain("AppSecret"));
    }

    [TestCase(HttpStatusCode.InternalServerError, IntegryErrorKind.Server, true)]
    [TestCase(HttpStatusCode.BadGateway, IntegryErrorKind.Server, true)]
    [TestCase(HttpStatusCode.ServiceUnavailable, IntegryErrorKind.Server, true)]
    [TestCase(HttpStatusCode.GatewayTimeout, IntegryErrorKind.Server, true)]
    [TestCase(HttpStatusCode.NotImplemented, IntegryErrorKind.Server, false)]
    [TestCase(HttpStatusCode.TooManyRequests, IntegryErrorKind.Server, true)]
    [TestCase(HttpStatusCode.RequestTimeout, IntegryErrorKind.Timeout, true)]
    [TestCase(HttpStatusCode.Conflict, IntegryErrorKind.Protocol, false)]
    [TestCase(HttpStatusCode.Found, IntegryErrorKind.Protocol, false)]
    public async Task A_status_that_is_not_a_result_has_the_matching_kind(HttpStatusCode status, IntegryErrorKind kind, bool transient)
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, status, "<html><body><h1>Bad gateway</h1></body></html>", "text/html"));

        Assert.That(exception, Is.TypeOf<IntegryException>());
        Assert.That(exception!.Kind, Is.EqualTo(kind));
        Assert.That(exception.IsTransient, Is.EqualTo(transient));
        Assert.That(exception.StatusCode, Is.EqualTo(status));
        Assert.That(exception.ResponseBody, Does.Contain("Bad gateway"));
    }

    [Test]
    public async Task A_404_page_on_a_call_is_a_not_found_exception()
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryNotFoundException>(() => CallAnswered(api, HttpStatusCode.NotFound, "<html>Not Found</html>", "text/html"));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.NotFound));
        Assert.That(exception.Message, Does.Contain("BaseAddress"));
    }

    [Test]
    public async Task A_200_that_is_not_a_result_is_a_protocol_fault()
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.OK, """{"network_code":"200","output":"""));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Protocol));
        Assert.That(exception.IsTransient, Is.False);
    }

    private static IEnumerable<TestCaseData> PipelineFaults()
    {
        yield return new TestCaseData(new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable), IntegryErrorKind.Transport, true).SetName("HttpRequestException");
        yield return new TestCaseData(new HttpRequestException(HttpRequestError.NameResolutionError, "No such host"), IntegryErrorKind.Transport, true).SetName("NameResolutionError");
        yield return new TestCaseData(new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established"), IntegryErrorKind.Transport, false).SetName("SecureConnectionError");
        yield return new TestCaseData(new HttpRequestException(HttpRequestError.InvalidResponse, "The server returned an invalid or unrecognized response."), IntegryErrorKind.Protocol, false).SetName("InvalidResponse");
        yield return new TestCaseData(new IOException("Unable to read data from the transport connection: Connection reset by peer."), IntegryErrorKind.Transport, true).SetName("IOException");
        yield return new TestCaseData(new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:01'."), IntegryErrorKind.Timeout, true).SetName("Polly TimeoutRejectedException");
        yield return new TestCaseData(new BrokenCircuitException("The circuit is now open and is not allowing calls."), IntegryErrorKind.Transport, true).SetName("Polly BrokenCircuitException");
        yield return new TestCaseData(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()), IntegryErrorKind.Timeout, true).SetName("HttpClient.Timeout");
        yield return new TestCaseData(new InvalidOperationException("A handler of the caller's failed."), IntegryErrorKind.Transport, false).SetName("InvalidOperationException from a handler");
        yield return new TestCaseData(new ArgumentException("A handler of the caller's failed."), IntegryErrorKind.Transport, false).SetName("ArgumentException from a handler");
        yield return new TestCaseData(new ObjectDisposedException("HttpClient"), IntegryErrorKind.Transport, false).SetName("ObjectDisposedException");
    }

    [TestCaseSource(nameof(PipelineFaults))]
    public async Task Whatever_the_pipeline_throws_becomes_an_integry_exception_with_a_kind(Exception fault, IntegryErrorKind kind, bool transient)
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallThrowing(api, fault));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception, Is.TypeOf<IntegryException>());
        Assert.That(exception!.Kind, Is.EqualTo(kind));
        Assert.That(exception.IsTransient, Is.EqualTo(transient));
        Assert.That(exception.InnerException, Is.SameAs(fault));
        Assert.That(exception.StatusCode, Is.Null);
        Assert.That(exception.Message, Does.Contain(fault.GetType().Name));
    }

    [TestCaseSource(nameof(PipelineFaults))]
    public async Task Listing_and_getting_wrap_the_same_faults(Exception fault, IntegryErrorKind kind, bool transient)
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/?type=ACTION").Throw(fault);
        api.ExpectPost("functions/slack-post-message/get/").Throw(fault);
        var client = api.CreateClient();

        var listing = await Assert.CatchAsync<IntegryException>(() => client.ListFunctionsAsync(FunctionType.Action));
        var getting = await Assert.CatchAsync<IntegryException>(() => client.GetFunctionAsync("slack-post-message"));

        Assert.That(new[] { listing!.Kind, getting!.Kind }, Is.All.EqualTo(kind));
        Assert.That(new[] { listing.IsTransient, getting.IsTransient }, Is.All.EqualTo(transient));
    }

    [Test]
    public async Task A_body_cut_mid_stream_is_a_transient_transport_fault_not_an_io_exception()
    {
        using var api = new IntegryApi();
        var cut = new IOException("The response ended prematurely.");
        api.ExpectPost("functions/slack-post-message/call/").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new BrokenStreamContent(Encoding.UTF8.GetBytes("""{"network_code":"200","output":{"items":[1,2,"""), cut),
        });

        var exception = await Assert.CatchAsync<IntegryException>(() => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject()));

        Assert.That(exception, Is.TypeOf<IntegryException>());
        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Transport));
        Assert.That(exception.IsTransient, Is.True);
        Assert.That(exception.InnerException, Is.SameAs(cut));
    }

    [Test]
    public async Task An_error_body_cut_mid_stream_is_a_transient_transport_fault()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new BrokenStreamContent(Encoding.UTF8.GetBytes("<html>"), new IOException("reset")),
        });

        var exception = await Assert.CatchAsync<IntegryException>(() => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject()));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Transport));
        Assert.That(exception.IsTransient, Is.True);
    }

    [Test]
    public async Task A_pipeline_fault_after_the_callers_cancellation_is_the_callers_cancellation()
    {
        using var api = new IntegryApi();
        using var cancellation = new CancellationTokenSource();
        api.ExpectPost("functions/slack-post-message/call/").Respond(async () =>
        {
            await cancellation.CancelAsync();
            throw new IOException("The connection was aborted because the caller gave up.");
        });

        var exception = await Assert.CatchAsync<OperationCanceledException>(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject(), cancellationToken: cancellation.Token));

        Assert.That(exception!.CancellationToken, Is.EqualTo(cancellation.Token));
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>
/// A server posing as Integry echoes the request's headers (App-Key, User-ID, Hash) and the app secret back in its
/// answer. Nothing the caller can print carries the secret, the hash or the app key: not a rejection, not an exception.
/// </summary>
public class RemoteEchoingServerTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    private static string Echo(HttpContext context) =>
        string.Join("; ", context.Request.Headers.Where(header => header.Key is "App-Key" or "User-ID" or "Hash").Select(header => $"{header.Key}={header.Value}"))
        + "; secret=" + RemoteRig.AppSecret;

    [Test]
    public async Task A_rejection_whose_details_echo_the_request_comes_back_masked()
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            var body = new JsonObject
            {
                ["error"] = InvalidInput,
                ["error_details"] = new JsonArray($"User has not connected their Slack account. You sent {Echo(context)}"),
            };
            await context.Response.WriteAsync(body.ToJsonString());
        });
        await using var rig = RemoteRig.Create(server);

        var result = await Fault.Within(rig.CallAsync());

        Assert.That(result, Is.TypeOf<Result.Rejected>());
        var rejected = (Result.Rejected)result;
        Fault.Report("remote: 400 rejection echoing App-Key, Hash and the secret", $"Rejected Reason={rejected.Reason}: {rejected.ErrorDetails[0]}", Fault.Describe(server.Requests));
        RemoteRig.AssertNoSecret(rejected.ToJson(), "the rejection's JSON");
        RemoteRig.AssertNoSecret(rejected.ToString(), "the rejection's ToString");
        Assert.That(rejected.ErrorDetails[0], Is.EqualTo($"User has not connected their Slack account. You sent App-Key=***; User-ID={RemoteRig.UserId}; Hash=***; secret=***"));
        Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.NotConnected));
        RemoteRig.AssertOneSignedCall(server);
    }

    [TestCase(HttpStatusCode.InternalServerError, IntegryErrorKind.Server, true)]
    [TestCase(HttpStatusCode.BadRequest, IntegryErrorKind.Protocol, false)]
    public async Task An_error_page_that_echoes_the_request_comes_back_masked(HttpStatusCode status, IntegryErrorKind kind, bool transient)
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new JsonObject { ["detail"] = "You sent " + Echo(context) }));
        });
        await using var rig = RemoteRig.Create(server);

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        Fault.Report($"remote: {(int)status} whose detail echoes App-Key, Hash and the secret", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        var exception = RemoteRig.AssertIntegryException(thrown, kind, transient, status);
        Assert.That(exception.Message, Does.Contain("App-Key=***").And.Contain("Hash=***").And.Contain("secret=***"));
        RemoteRig.AssertOneSignedCall(server);
    }

    [Test]
    public async Task An_authentication_answer_that_echoes_the_hash_comes_back_masked()
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new JsonObject { ["detail"] = "Authentication credentials were not provided.", ["echo"] = Echo(context) }));
        });
        await using var rig = RemoteRig.Create(server);

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        Fault.Report("remote: 403 authentication answer echoing the request", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        Assert.That(thrown, Is.TypeOf<IntegryAuthenticationException>());
        var exception = (IntegryAuthenticationException)thrown!;
        Assert.That(exception.Kind, Is.EqualTo(IntegryErrorKind.Authentication));
        RemoteRig.AssertNoSecret(exception.ToString(), "the exception");
        RemoteRig.AssertNoSecret(exception.ResponseBody, "ResponseBody");
        Assert.That(exception.ResponseBody, Does.Contain("Hash=***"));
        RemoteRig.AssertOneSignedCall(server);
    }
}

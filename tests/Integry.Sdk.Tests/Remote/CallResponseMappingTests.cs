using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>How Integry's answers to a call become <see cref="Result.Executed"/> or <see cref="Result.Rejected"/>.</summary>
public class CallResponseMappingTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    private static async Task<Result> CallAnswered(HttpStatusCode status, string body, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .Respond(status, headers ?? [], "application/json", body);

        var result = await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        return result;
    }

    [TestCase("""{"network_code":"200","output":{"ok":true}}""", 200)]
    [TestCase("""{"network_code":201,"output":{"ok":true}}""", 201)]
    public async Task A_200_is_executed_with_the_network_code_given_as_a_string_or_a_number(string body, int networkCode)
    {
        var result = await CallAnswered(HttpStatusCode.OK, body);

        Assert.That(result, Is.TypeOf<Result.Executed>());
        Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(networkCode));
    }

    [Test]
    public async Task An_answer_that_starts_with_a_byte_order_mark_is_read_as_without_it()
    {
        // StringContent writes U+FEFF as the UTF-8 byte order mark EF BB BF.
        var result = await CallAnswered(HttpStatusCode.OK, "\uFEFF" + """{"network_code":"200","output":{"ok":true}}""");

        Assert.That(result.TryGetExecuted(out var executed), Is.True);
        Assert.That(executed!.Output.GetRawText(), Is.EqualTo("""{"ok":true}"""));
    }

    [TestCase("null", "The body is null.")]
    [TestCase("[]", "must be a JSON object")]
    [TestCase("""{"network_code":"200","output":1} trailing""", "not valid")]
    public async Task A_200_whose_body_is_not_a_result_is_a_protocol_error(string body, string said)
    {
        var failure = await Assert.ThrowsAsync<IntegryException>(() => CallAnswered(HttpStatusCode.OK, body));

        Assert.That(failure!.Kind, Is.EqualTo(IntegryErrorKind.Protocol));
        Assert.That(failure.IsTransient, Is.False);
        Assert.That(failure.Message, Does.Contain(said));
    }

    [TestCase("""{"ok":true,"channels":[{"id":"C1"}]}""")]
    [TestCase("""[{"id":1},{"id":2}]""")]
    [TestCase("\"plain text\"")]
    [TestCase("\"\"")]
    [TestCase("12345678901234567890")]
    [TestCase("null")]
    public async Task The_output_is_kept_whatever_json_value_it_is(string output)
    {
        var result = await CallAnswered(HttpStatusCode.OK, $$"""{"network_code":"200","output":{{output}}}""");

        Assert.That(result.TryGetExecuted(out var executed), Is.True);
        Assert.That(executed!.Output.GetRawText(), Is.EqualTo(output));
    }

    [Test]
    public async Task The_cursor_lands_on_cursor()
    {
        var result = (Result.Executed)await CallAnswered(HttpStatusCode.OK, """{"network_code":"200","output":[],"_cursor":"next-page"}""");

        Assert.That(result.Cursor, Is.EqualTo("next-page"));
    }

    [Test]
    public async Task A_null_cursor_lands_as_null()
    {
        var result = (Result.Executed)await CallAnswered(HttpStatusCode.OK, """{"network_code":"200","output":[],"_cursor":null}""");

        Assert.That(result.Cursor, Is.Null);
    }

    [Test]
    public async Task The_x_credits_and_x_session_id_headers_land_on_credits_and_session_id()
    {
        var result = (Result.Executed)await CallAnswered(
            HttpStatusCode.OK,
            """{"network_code":"200","output":{}}""",
            [new("X-Credits", "3"), new("X-Session-ID", "sess-42")]);

        Assert.That(result.Credits, Is.EqualTo(3));
        Assert.That(result.SessionId, Is.EqualTo("sess-42"));
    }

    [Test]
    public async Task Without_integry_headers_credits_and_session_id_are_null()
    {
        var result = (Result.Executed)await CallAnswered(HttpStatusCode.OK, """{"network_code":"200","output":{}}""");

        Assert.That(result.Credits, Is.Null);
        Assert.That(result.SessionId, Is.Null);
    }

    [Test]
    public async Task A_200_whose_onward_call_failed_is_still_executed()
    {
        var result = await CallAnswered(HttpStatusCode.OK, """{"network_code":"400","output":{"ok":false,"error":"channel_not_found"}}""");

        Assert.That(result, Is.TypeOf<Result.Executed>());
        var executed = (Result.Executed)result;
        Assert.That(executed.NetworkCode, Is.EqualTo(400));
        Assert.That(executed.IsSuccessStatusCode, Is.False);
        JsonAssert.AreEqual("""{"ok":false,"error":"channel_not_found"}""", executed.Output);
    }

    [Test]
    public async Task A_400_with_a_list_of_error_details_is_rejected()
    {
        const string detail = "User has not connected their Slack account. To connect an account, please call following SDK method: `connectApp('slack')`";
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = InvalidInput, ["error_details"] = new[] { detail } });

        var result = await CallAnswered(HttpStatusCode.BadRequest, body);

        Assert.That(result.TryGetRejected(out var rejected), Is.True);
        Assert.That(rejected!.Error, Is.EqualTo(InvalidInput));
        Assert.That(rejected.ErrorDetails, Is.EqualTo(new[] { detail }));
        Assert.That(rejected.FieldErrors, Is.Null);
    }

    [Test]
    public async Task A_400_with_a_map_of_error_details_is_rejected_with_field_errors()
    {
        const string message = "This parameter is required and must not be null or empty";
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = InvalidInput, ["error_details"] = new Dictionary<string, string> { ["channel"] = message } });

        var result = await CallAnswered(HttpStatusCode.BadRequest, body);

        Assert.That(result.TryGetRejected(out var rejected), Is.True);
        Assert.That(rejected!.Error, Is.EqualTo(InvalidInput));
        Assert.That(rejected.FieldErrors, Is.EqualTo(new Dictionary<string, string> { ["channel"] = message }));
        Assert.That(rejected.ErrorDetails, Is.EqualTo(new[] { "channel: " + message }));
    }

    [Test]
    public async Task A_404_function_not_found_is_rejected_with_that_error()
    {
        var result = await CallAnswered(HttpStatusCode.NotFound, """{"detail":"Function not found"}""");

        Assert.That(result.TryGetRejected(out var rejected), Is.True);
        Assert.That(rejected!.Error, Is.EqualTo("Function not found"));
    }
}

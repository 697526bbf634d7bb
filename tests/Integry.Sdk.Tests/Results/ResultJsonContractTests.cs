using System.Text.Json;
using Integry.Sdk.Serialization;
using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.ResultContract;

/// <summary>
/// A result serialises to Integry's wire shape whatever its static type and whoever serialises it: the SDK, a user's
/// own source-generated context, or reflection. Transport metadata (headers with cookies, credits, attempts) never
/// reaches the JSON.
/// </summary>
public class ResultJsonContractTests
{
    private const string ExecutedWire = """{"network_code":"201","output":{"id":7,"n":123456789012345678901234567890},"_cursor":"next"}""";
    private const string RejectedWire = """{"error":"Could not call the function due to invalid input. Please see `error_details` for further information.","error_details":["User has not connected their Slack account. To connect an account, please call following SDK method: `connectApp('slack')`"]}""";

    private static readonly JsonSerializerOptions IndentedWeb = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly JsonSerializerOptions WithConverter = new() { Converters = { new ResultJsonConverter() }, TypeInfoResolver = UserJsonContext.Default };

    private static Result.Executed ExecutedWithMetadata()
    {
        using var output = JsonDocument.Parse("""{"id":7,"n":123456789012345678901234567890}""");
        return new Result.Executed(201, output.RootElement.Clone())
        {
            Cursor = "next",
            Credits = 3,
            SessionId = "session-1",
            ContentType = "application/json",
            Attempts = 2,
            Headers = new Dictionary<string, IReadOnlyList<string>> { ["Set-Cookie"] = ["session=very-secret-cookie"] },
        };
    }

    [Test]
    public void A_users_context_writes_an_executed_result_in_the_wire_shape_for_each_static_type()
    {
        var executed = ExecutedWithMetadata();

        var asExecuted = JsonSerializer.Serialize(executed, UserJsonContext.Default.Executed);
        var asResult = JsonSerializer.Serialize<Result>(executed, UserJsonContext.Default.Result);

        JsonAssert.AreEqual(ExecutedWire, asExecuted);
        JsonAssert.AreEqual(ExecutedWire, asResult);
        Assert.That(asExecuted, Does.Not.Contain("Set-Cookie").And.Not.Contain("very-secret-cookie").And.Not.Contain("NetworkCode").And.Not.Contain("Headers"));
        Assert.That(asExecuted, Does.Contain("\"network_code\":\"201\""), "network_code is a string on the wire");
    }

    [Test]
    public void A_users_context_writes_a_rejected_result_in_the_wire_shape_for_each_static_type()
    {
        var rejected = Result.Rejected.NotConnected("slack", "Slack");

        JsonAssert.AreEqual(RejectedWire, JsonSerializer.Serialize(rejected, UserJsonContext.Default.Rejected));
        JsonAssert.AreEqual(RejectedWire, JsonSerializer.Serialize<Result>(rejected, UserJsonContext.Default.Result));
        Assert.That(JsonSerializer.Serialize(rejected, UserJsonContext.Default.Rejected), Does.Not.Contain("Reason").And.Not.Contain("reason"));
    }

    [Test]
    public void A_users_type_holding_results_writes_each_in_the_wire_shape_and_reads_them_back()
    {
        var entry = new AuditEntry
        {
            Function = "slack-post-message",
            Executed = ExecutedWithMetadata(),
            Rejected = Result.Rejected.NotConnected("slack", "Slack"),
            Outcome = ExecutedWithMetadata(),
        };

        var json = JsonSerializer.Serialize(entry, UserJsonContext.Default.AuditEntry);
        var back = JsonSerializer.Deserialize(json, UserJsonContext.Default.AuditEntry)!;

        JsonAssert.AreEqual(
            $$"""{"function":"slack-post-message","executed":{{ExecutedWire}},"rejected":{{RejectedWire}},"outcome":{{ExecutedWire}}}""",
            json);
        Assert.That(back.Executed, Is.EqualTo(entry.Executed));
        Assert.That(back.Rejected, Is.EqualTo(entry.Rejected));
        Assert.That(back.Rejected!.Reason, Is.EqualTo(RejectionReason.NotConnected));
        Assert.That(back.Outcome, Is.TypeOf<Result.Executed>().And.EqualTo(entry.Outcome));
    }

    [Test]
    public void A_users_context_reads_each_case_from_the_wire()
    {
        Assert.That(JsonSerializer.Deserialize(ExecutedWire, UserJsonContext.Default.Executed), Is.EqualTo(ExecutedWithMetadata()));
        Assert.That(JsonSerializer.Deserialize(RejectedWire, UserJsonContext.Default.Rejected), Is.EqualTo(Result.Rejected.NotConnected("slack", "Slack")));
        Assert.That(JsonSerializer.Deserialize(RejectedWire, UserJsonContext.Default.Result), Is.TypeOf<Result.Rejected>());
    }

    [Test]
    public void Reading_one_case_as_the_other_is_a_json_exception()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(RejectedWire, UserJsonContext.Default.Executed));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(ExecutedWire, UserJsonContext.Default.Rejected));
    }

    [Test]
    public void Reflection_serialisation_writes_the_wire_shape_for_each_static_type()
    {
        var executed = ExecutedWithMetadata();
        var rejected = Result.Rejected.NotConnected("slack", "Slack");

        JsonAssert.AreEqual(ExecutedWire, JsonSerializer.Serialize(executed));
        JsonAssert.AreEqual(ExecutedWire, JsonSerializer.Serialize<Result>(executed));
        JsonAssert.AreEqual(ExecutedWire, JsonSerializer.Serialize<object>(executed));
        JsonAssert.AreEqual(RejectedWire, JsonSerializer.Serialize(rejected));
        JsonAssert.AreEqual(RejectedWire, JsonSerializer.Serialize<object>(rejected));
        JsonAssert.AreEqual(ExecutedWire, JsonSerializer.Serialize(executed, IndentedWeb));
        Assert.That(JsonSerializer.Deserialize<Result.Executed>(ExecutedWire), Is.EqualTo(executed));
    }

    [Test]
    public void The_public_converter_can_be_added_to_options_by_hand()
    {
        JsonAssert.AreEqual(ExecutedWire, JsonSerializer.Serialize(ExecutedWithMetadata(), WithConverter));
        Assert.That(new ResultJsonConverter().CanConvert(typeof(Result.Rejected)), Is.True);
        Assert.That(new ResultJsonConverter().CanConvert(typeof(string)), Is.False);
    }

    [Test]
    public void A_result_is_equal_after_a_round_trip_through_a_users_context()
    {
        foreach (var result in new Result[] { ExecutedWithMetadata(), Result.Rejected.InvalidArguments(new Dictionary<string, string> { ["url"] = "required" }) })
        {
            var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(result, UserJsonContext.Default.Result), UserJsonContext.Default.Result);
            Assert.That(back, Is.EqualTo(result));
        }
    }
}

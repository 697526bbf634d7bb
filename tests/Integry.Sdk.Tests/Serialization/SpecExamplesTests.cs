using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Serialization;

/// <summary>Every JSON example of the spec parses to the right case and writes back equal.</summary>
public class SpecExamplesTests
{
    private static string ReadExample(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "SpecExamples", name));

    [TestCase("slack-executed.json", 200)]
    [TestCase("pipedrive-executed.json", 200)]
    public void Executed_examples_round_trip(string file, int networkCode)
    {
        var json = ReadExample(file);

        var result = Result.Parse(json);

        Assert.That(result, Is.TypeOf<Result.Executed>());
        var executed = (Result.Executed)result;
        Assert.That(executed.NetworkCode, Is.EqualTo(networkCode));
        Assert.That(executed.Output.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
        JsonAssert.AreEqual(json, result.ToJson());
    }

    [TestCase("slack-not-connected.json", "User has not connected their Slack account. To connect an account, please call following SDK method: `connectApp('slack')`")]
    [TestCase("pipedrive-not-connected.json", "User has not connected their Pipedrive account. To connect an account, please call following SDK method: `connect('pipedrive')`")]
    public void Rejected_examples_round_trip(string file, string detail)
    {
        var json = ReadExample(file);

        var result = Result.Parse(json);

        Assert.That(result, Is.TypeOf<Result.Rejected>());
        var rejected = (Result.Rejected)result;
        Assert.That(rejected.Error, Is.EqualTo("Could not call the function due to invalid input. Please see `error_details` for further information."));
        Assert.That(rejected.ErrorDetails, Is.EqualTo(new[] { detail }));
        Assert.That(rejected.FieldErrors, Is.Null);
        JsonAssert.AreEqual(json, result.ToJson());
    }

    [Test]
    public void Error_details_as_a_parameter_map_round_trips()
    {
        const string json = """
            {"error": "Could not call the function due to invalid input. Please see `error_details` for further information.",
             "error_details": {"channel": "This parameter is required and must not be null or empty"}}
            """;

        var rejected = (Result.Rejected)Result.Parse(json);

        Assert.That(rejected.FieldErrors, Is.EqualTo(new Dictionary<string, string> { ["channel"] = "This parameter is required and must not be null or empty" }));
        Assert.That(rejected.ErrorDetails, Is.EqualTo(new[] { "channel: This parameter is required and must not be null or empty" }));
        JsonAssert.AreEqual(json, rejected.ToJson());
    }

    [Test]
    public void Error_details_as_a_list_from_the_api_reference_round_trips()
    {
        const string json = """
            {"error": "Could not call the function due to invalid input. Please see `error_details` for further information.",
             "error_details": ["User has not connected their Slack account. To connect an account, please call following SDK method: `connectApp('slack')`"]}
            """;

        var result = Result.Parse(json);

        JsonAssert.AreEqual(json, result.ToJson());
    }

    [TestCase("""{"network_code": "200", "output": {"ok": true}}""", 200)]
    [TestCase("""{"network_code": 404, "output": ""}""", 404)]
    [TestCase("""{"network_code": "400", "output": {"ok": false, "error": "invalid_auth"}, "_cursor": "abc"}""", 400)]
    public void Network_code_is_read_as_a_string_or_a_number_and_written_as_a_string(string json, int expected)
    {
        var executed = (Result.Executed)Result.Parse(json);

        Assert.That(executed.NetworkCode, Is.EqualTo(expected));
        Assert.That(executed.ToJson(), Does.Contain($"\"network_code\":\"{expected}\""));
    }

    [Test]
    public void A_twenty_digit_integer_and_1e400_survive_byte_exact()
    {
        const string json = """{"network_code":"200","output":{"id":12345678901234567890,"huge":1e400,"list":[0.1000000000000000055511151231257827]}}""";

        var result = Result.Parse(json);

        Assert.That(result.ToJson(), Is.EqualTo(json));
    }
}

using System.Text;
using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>The call body comes from a writer reused per thread: names and values reach the wire as one fresh writer writes them, call after call.</summary>
public class CallBodyWriterTests
{
    private const string Executed = """{"network_code":"200","output":{"ok":true}}""";

    [Test]
    public async Task Names_with_escapes_quotes_and_non_ascii_text_are_written_as_a_fresh_writer_writes_them()
    {
        using var arguments = JsonDocument.Parse("""{"caf\u00e9":"caf\u00e9","naïve":1,"a\"b":[1, 2],"<x>":{"y": null},"plain":true}""");
        var expected = WriteTheOldWay(arguments.RootElement);
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").WithContent(expected).Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement);

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(expected, Does.Contain("\"caf\\u00e9\"").And.Contain("[1, 2]"));
    }

    [Test]
    public async Task A_body_larger_than_the_kept_buffer_is_followed_by_small_bodies_that_carry_nothing_of_it()
    {
        var large = "{\"text\":\"" + new string('x', 100_000) + "\"}";
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").WithContent("""{"a":1,"b":"two"}""").Respond("application/json", Executed);
        api.ExpectPost("functions/slack-post-message/call/").WithContent(large).Respond("application/json", Executed);
        api.ExpectPost("functions/slack-post-message/call/").WithContent("""{"c":3}""").Respond("application/json", Executed);
        var client = api.CreateClient();

        await client.InvokeFunctionAsync("slack-post-message", JsonDocument.Parse("""{"a":1,"b":"two"}""").RootElement);
        await client.InvokeFunctionAsync("slack-post-message", JsonDocument.Parse(large).RootElement);
        await client.InvokeFunctionAsync("slack-post-message", JsonDocument.Parse("""{"c":3}""").RootElement);

        api.Handler.VerifyNoOutstandingExpectation();
    }

    /// <summary>What the body writer did before it was reused: a new writer, names as strings, values as their raw text.</summary>
    private static string WriteTheOldWay(JsonElement arguments)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var argument in arguments.EnumerateObject())
            {
                writer.WritePropertyName(argument.Name);
                writer.WriteRawValue(argument.Value.GetRawText(), skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

using System.Text.Json;
using Integry.Sdk.Remote;

namespace Integry.Sdk.Tests.Serialization;

/// <summary>The app model reads Integry's JSON whatever form an id takes, and writes it back in Integry's shape.</summary>
public class IntegryAppJsonTests
{
    [Test]
    public void Ids_read_from_numbers_and_strings_and_digits_are_written_back_as_numbers()
    {
        const string Json = """{"id":491,"name":"slack","title":"Slack","icon_url":"","docs_url":"","login_url":"","allow_multiple_connected_accounts":false,"connected_accounts":[{"id":"acct-7","display_name":"A","modified_at":"2024-11-10T23:28:58+00:00"},{"id":12345678901234567890,"display_name":"B"}]}""";

        var app = JsonSerializer.Deserialize(Json, ServerApiJsonContext.Default.IntegryApp)!;

        Assert.That(app.Id, Is.EqualTo("491"));
        Assert.That(app.ConnectedAccounts.Select(account => account.Id), Is.EqualTo(new[] { "acct-7", "12345678901234567890" }), "a big id keeps every digit");
        var written = JsonSerializer.Serialize(app, ServerApiJsonContext.Default.IntegryApp);
        using var document = JsonDocument.Parse(written);
        Assert.That(document.RootElement.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(document.RootElement.GetProperty("connected_accounts")[0].GetProperty("id").GetString(), Is.EqualTo("acct-7"));
        Assert.That(document.RootElement.GetProperty("connected_accounts")[1].GetProperty("id").GetString(), Is.EqualTo("12345678901234567890"), "too long for every reader's number: a string");
        Assert.That(document.RootElement.GetProperty("docs_url").GetString(), Is.Empty);
    }

    [TestCase("true")]
    [TestCase("null")]
    [TestCase("[1]")]
    public void An_id_of_another_kind_is_refused(string id)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"id":{{id}},"name":"x"}""", ServerApiJsonContext.Default.IntegryApp));
    }
}

namespace Integry.Sdk.Testing.Tests;

/// <summary>The result factories build the wire shapes code under test reads.</summary>
public class ResultsTests
{
    [Test]
    public void Executed_keeps_the_status_and_the_json_body() =>
        Assert.That(Results.Executed(404, """{"ok":true}""").ToJson(), Is.EqualTo("""{"network_code":"404","output":{"ok":true}}"""));

    [Test]
    public void Invalid_arguments_name_the_parameter() =>
        Assert.That(Results.InvalidArguments("channel", "This field is required.").FieldErrors, Is.EqualTo(new Dictionary<string, string> { ["channel"] = "This field is required." }));

    [Test]
    public void An_app_outside_the_catalog_needs_its_display_name() =>
        Assert.Throws<ArgumentException>(() => Results.NotConnected("no-such-app"));
}

using System.Text.Json;
using Integry.Sdk.Passthrough;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// <c>_variables</c>: only known tags are replaced; a value in the URL is one percent-encoded path segment or query value
/// and can never add a segment, a query parameter, a port or a host.
/// </summary>
public class VariableSubstitutionTests
{
    [TestCase("v1/items/{id}", "7", "v1/items/7")]
    [TestCase("v1/items/{id}", "../admin", "v1/items/..%2Fadmin")]
    [TestCase("v1/items/{id}", "x?admin=1", "v1/items/x%3Fadmin%3D1")]
    [TestCase("v1/items/{id}", "evil.example#", "v1/items/evil.example%23")]
    [TestCase("v1/items/{id}", "%2e%2e", "v1/items/%252e%252e")]
    [TestCase("v1/items/{id}", "a/b", "v1/items/a%2Fb")]
    [TestCase("v1/items/{id}", "@evil.example", "v1/items/%40evil.example")]
    [TestCase("v1/items/{id}", ":8080", "v1/items/%3A8080")]
    [TestCase("{id}/items", "https://evil.example", "https%3A%2F%2Fevil.example/items")]
    [TestCase("v1/items?q={id}&page=2", "x&admin=1", "v1/items?q=x%26admin%3D1&page=2")]
    [TestCase("https://api.example/v1/{id}?a={id}", "a b", "https://api.example/v1/a%20b?a=a%20b")]
    [TestCase("v1/items/{other}", "7", "v1/items/{other}")]
    [TestCase("v1/{id}/{id}", "{id}", "v1/%7Bid%7D/%7Bid%7D")]
    [TestCase("v1/items/x{id}", "..", "v1/items/x..")]
    public void A_value_fills_one_segment_or_one_query_value(string url, string value, string expected)
    {
        var result = VariableSubstitution.SubstituteUrl(url, Variables($$"""{"id":{{JsonSerializer.Serialize(value)}}}"""), out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(result, Is.EqualTo(expected));
    }

    [TestCase("v1/items/{id}", "..")]
    [TestCase("v1/items/{id}/edit", ".")]
    [TestCase("v1/{a}{b}/x", null)]
    public void A_value_that_makes_a_dot_segment_is_refused(string url, string? value)
    {
        var variables = value is null ? Variables("""{"a":".","b":"."}""") : Variables($$"""{"id":{{JsonSerializer.Serialize(value)}}}""");

        var result = VariableSubstitution.SubstituteUrl(url, variables, out var problem);

        Assert.That(result, Is.Null);
        Assert.That(problem!.Value.Parameter, Is.EqualTo("url"));
        Assert.That(problem.Value.Message, Does.Contain("'.' or '..'"));
    }

    [TestCase("https://{id}.slack.com/api/x")]
    [TestCase("https://slack.com:{id}/api/x")]
    [TestCase("https://user{id}@slack.com/api/x")]
    public void A_tag_in_the_scheme_or_host_is_refused(string url)
    {
        var result = VariableSubstitution.SubstituteUrl(url, Variables("""{"id":"evil.example"}"""), out var problem);

        Assert.That(result, Is.Null);
        Assert.That(problem!.Value.Parameter, Is.EqualTo("url"));
        Assert.That(problem.Value.Message, Does.Contain("scheme or host"));
    }

    [Test]
    public void Numbers_and_booleans_fill_tags_with_their_text_and_other_strings_take_values_as_they_are()
    {
        var arguments = Variables("""{"method":"{verb}","url":"v1/items/{id}?all={all}","body":{"text":"{name} & {unknown}","n":12345678901234567890,"tags":["{name}"]},"_variables":{"id":42,"all":true,"name":"Ada/Lovelace","verb":"POST"}}""");

        var substituted = VariableSubstitution.ApplyToPassthrough(arguments, null, out var errors);

        Assert.That(errors, Is.Null);
        JsonAssert.AreEqual(
            """{"method":"POST","url":"v1/items/42?all=true","body":{"text":"Ada/Lovelace & {unknown}","n":12345678901234567890,"tags":["Ada/Lovelace"]}}""",
            substituted!.Value);
    }

    [Test]
    public void Options_variables_are_used_when_the_arguments_have_none_and_no_variables_leave_the_arguments_alone()
    {
        var arguments = Variables("""{"method":"GET","url":"v1/{id}"}""");

        var withOptions = VariableSubstitution.ApplyToPassthrough(arguments, Variables("""{"id":"7"}"""), out _);
        var without = VariableSubstitution.ApplyToPassthrough(arguments, null, out _);

        JsonAssert.AreEqual("""{"method":"GET","url":"v1/7"}""", withOptions!.Value);
        JsonAssert.AreEqual("""{"method":"GET","url":"v1/{id}"}""", without!.Value);
    }

    [TestCase("""{"url":"v1/{id}","_variables":"id=7"}""", "_variables", "JSON object")]
    [TestCase("""{"url":"v1/{id}","_variables":{"id":{"x":1}}}""", "_variables", "only strings, numbers and booleans")]
    [TestCase("""{"url":"v1/{id}","_variables":{"id":null}}""", "_variables", "only strings, numbers and booleans")]
    [TestCase("""{"url":"v1/x","body":{"a":"{id}"},"_variables":{"id":[1]}}""", "_variables", "only strings, numbers and booleans")]
    public void Variables_that_cannot_fill_a_tag_are_reported_against_their_parameter(string json, string parameter, string message)
    {
        var substituted = VariableSubstitution.ApplyToPassthrough(Variables(json), null, out var errors);

        Assert.That(substituted, Is.Null);
        Assert.That(errors![parameter], Does.Contain(message));
    }

    [Test]
    public async Task The_executor_sends_the_substituted_url_and_checks_it_after_substitution()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.info?channel=C%2F1%3Fx%3D1")
            .WithExactQueryString("channel=C%2F1%3Fx%3D1")
            .Respond("application/json", """{"ok":true}""");

        var executed = await host.Client.InvokeFunctionAsync("slack-passthrough-request", PassthroughJson.Parse("""{"method":"GET","url":"conversations.info?channel={c}","_variables":{"c":"C/1?x=1"}}"""));
        var hostile = await host.Client.InvokeFunctionAsync("slack-passthrough-request", PassthroughJson.Parse("""{"method":"GET","url":"https://{h}/api/x","_variables":{"h":"evil.example"}}"""));

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(executed, Is.TypeOf<Result.Executed>());
        Assert.That(((Result.Rejected)hostile).FieldErrors!["url"], Does.Contain("scheme or host"));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    private static JsonElement Variables(string json) => PassthroughJson.Parse(json);
}

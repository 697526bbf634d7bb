using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>GetFunctionAsync</c>: POST functions/{name}/get/, and 404 as <see cref="IntegryNotFoundException"/>.</summary>
public class GetFunctionWireTests
{
    [Test]
    public async Task Get_is_a_signed_post_to_the_function_get_path()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/get/")
            .WithExactQueryString(string.Empty)
            .WithContent("{}")
            .Respond("application/json", """{"name":"slack-post-message","description":"Post a message","parameters":{"type":"object"}}""");

        var function = await api.CreateClient().GetFunctionAsync("slack-post-message");

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(function.Name, Is.EqualTo("slack-post-message"));
        Assert.That(function.Description, Is.EqualTo("Post a message"));
        JsonAssert.AreEqual("""{"type":"object"}""", function.Parameters);
    }

    [Test]
    public async Task The_function_name_is_escaped_in_the_get_path()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/50%25-off/get/")
            .With(request => request.RequestUri!.AbsolutePath == "/functions/50%25-off/get/")
            .Respond("application/json", """{"name":"50%-off","parameters":{}}""");

        await api.CreateClient().GetFunctionAsync("50%-off");

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task An_unknown_function_throws_not_found_with_status_and_body()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/nope/get/")
            .Respond(HttpStatusCode.NotFound, "application/json", """{"detail":"Function not found"}""");

        var exception = await Assert.ThrowsAsync<IntegryNotFoundException>(() => api.CreateClient().GetFunctionAsync("nope"));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(exception.ResponseBody, Is.EqualTo("""{"detail":"Function not found"}"""));
        Assert.That(exception.Message, Does.Contain("nope"));
    }
}

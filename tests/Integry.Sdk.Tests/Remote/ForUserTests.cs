using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>ForUser</c> gives a client signed for another user and leaves the original as it was.</summary>
public class ForUserTests
{
    private const string OtherUserHash = "f22155e2574a5c785ef84f7728911b3faf85382535af74c533fe6743a32557b3";

    [Test]
    public async Task The_new_client_signs_for_the_other_user_and_the_original_still_signs_for_its_own()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/", "other-user", OtherUserHash)
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        api.ExpectPost("functions/slack-post-message/call/", IntegryApi.UserId, IntegryApi.UserHash)
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        var original = api.CreateClient();

        var other = original.ForUser("other-user");
        await other.InvokeFunctionAsync("slack-post-message", new JsonObject());
        await original.InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(other, Is.Not.SameAs(original));
        Assert.That(other.UserId, Is.EqualTo("other-user"));
        Assert.That(original.UserId, Is.EqualTo(IntegryApi.UserId));
    }

    [Test]
    public async Task A_client_built_without_a_user_can_call_through_for_user()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/", "other-user", OtherUserHash)
            .Respond("application/json", """{"network_code":"200","output":{}}""");

        await api.CreateClient(userId: null).ForUser("other-user").InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
    }
}

using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>The reflection convenience (<see cref="FunctionArguments.FromObject"/>) sends an anonymous object's properties as the flat camelCase arguments.</summary>
public class ReflectionArgumentsWireTests
{
    [Test]
    public async Task An_anonymous_object_becomes_the_flat_camel_case_body()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/?connected_account_id=43654")
            .WithJsonBody("""{"channel":"C1","threadTs":"1.2","count":3}""")
            .Respond("application/json", """{"network_code":"200","output":{}}""");

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", FunctionArguments.FromObject(new { Channel = "C1", ThreadTs = "1.2", Count = 3 }), connectedAccountId: "43654");

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task An_object_that_serialises_to_an_array_is_refused_before_sending()
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", FunctionArguments.FromObject(new[] { 1, 2 })),
            Throws.InstanceOf<ArgumentException>());

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }
}

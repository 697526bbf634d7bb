using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Remote;

/// <summary>A client built without a user cannot call Integry, and says to use <c>ForUser</c>; <c>ForUser</c> needs a real id.</summary>
public class ClientWithoutUserTests
{
    [Test]
    public async Task Invoking_without_a_user_throws_invalid_operation_mentioning_for_user()
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient(userId: null).InvokeFunctionAsync("slack-post-message", new JsonObject()),
            Throws.InstanceOf<InvalidOperationException>().With.Message.Contains("ForUser"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Listing_without_a_user_throws_invalid_operation_mentioning_for_user()
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient(userId: null).ListFunctionsAsync(FunctionType.Action),
            Throws.InstanceOf<InvalidOperationException>().With.Message.Contains("ForUser"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Getting_a_function_without_a_user_throws_invalid_operation_mentioning_for_user()
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient(userId: null).GetFunctionAsync("slack-post-message"),
            Throws.InstanceOf<InvalidOperationException>().With.Message.Contains("ForUser"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase("")]
    [TestCase("  ")]
    public void For_user_with_an_empty_id_throws_argument_exception(string userId)
    {
        using var api = new IntegryApi();

        Assert.That(() => api.CreateClient().ForUser(userId), Throws.InstanceOf<ArgumentException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("userId"));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public void For_user_with_null_throws_argument_null_exception()
    {
        using var api = new IntegryApi();

        Assert.That(() => api.CreateClient().ForUser(null!), Throws.ArgumentNullException);
    }
}

using System.Reflection;

namespace Integry.Sdk.Tests.Conventions;

/// <summary><see cref="IntegryClient"/> can be mocked without an interface: non-sealed, protected constructor, virtual members.</summary>
public class ClientIsMockableTests
{
    [Test]
    public void Every_public_method_and_property_of_the_client_is_virtual()
    {
        var methods = typeof(IntegryClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        var offenders = methods.Where(method => !method.IsVirtual || method.IsFinal).Select(method => method.Name);

        Assert.That(methods.Select(method => method.Name), Does.Contain(nameof(IntegryClient.ForUser)).And.Contain("get_" + nameof(IntegryClient.UserId)));
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void The_client_has_a_protected_parameterless_constructor()
    {
        var constructor = typeof(IntegryClient).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

        Assert.That(constructor, Is.Not.Null);
        Assert.That(constructor!.IsFamily, Is.True);
    }

    [Test]
    public void The_client_is_not_sealed()
    {
        Assert.That(typeof(IntegryClient).IsSealed, Is.False);
    }

    [Test]
    public async Task A_subclass_can_stand_in_for_the_client_in_a_users_test()
    {
        IntegryClient client = new FakeClient();

        var result = await client.InvokeFunctionAsync("slack-post-message", new System.Text.Json.Nodes.JsonObject());

        Assert.That(result, Is.TypeOf<Result.Rejected>().With.Property(nameof(Result.Rejected.Error)).EqualTo("fake"));
    }

    [Test]
    public async Task Every_argument_form_and_the_short_account_form_reach_the_one_mocked_overload()
    {
        var client = new FakeClient();
        using var element = System.Text.Json.JsonDocument.Parse("""{"channel":"C1"}""");

        await client.InvokeFunctionAsync("slack-post-message", new System.Text.Json.Nodes.JsonObject { ["channel"] = "C1" }, connectedAccountId: "43654");
        await client.InvokeFunctionAsync("slack-post-message", element.RootElement, "43654");
        await client.PassthroughAsync("slack", PassthroughRequest.Get("https://slack.com/api/auth.test"), "43654");

        Assert.That(client.Accounts, Is.EqualTo(new[] { "43654", "43654", "43654" }));
        Assert.That(client.Arguments[0], Is.EqualTo("""{"channel":"C1"}"""));
        Assert.That(client.Arguments[1], Is.EqualTo("""{"channel":"C1"}"""));
    }

    [Test]
    public void ForUser_on_a_mock_returns_the_mock_itself()
    {
        IntegryClient client = new FakeClient();

        var forUser = client.ForUser("user-2");

        Assert.That(forUser, Is.SameAs(client));
        Assert.That(() => client.ForUser(" "), Throws.ArgumentException);
    }

    private sealed class FakeClient : IntegryClient
    {
        public List<string?> Accounts { get; } = [];

        public List<string> Arguments { get; } = [];

        public override Task<Result> InvokeFunctionAsync(string functionName, FunctionArguments arguments, InvokeFunctionOptions? options = null, CancellationToken cancellationToken = default)
        {
            Accounts.Add(options?.ConnectedAccountId);
            Arguments.Add(arguments.ToString());
            return Task.FromResult<Result>(new Result.Rejected("fake", []));
        }
    }
}

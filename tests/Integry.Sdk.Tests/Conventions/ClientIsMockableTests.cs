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

    private sealed class FakeClient : IntegryClient
    {
        public override Task<Result> InvokeFunctionAsync(string functionName, System.Text.Json.Nodes.JsonObject? arguments, string? connectedAccountId = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<Result>(new Result.Rejected("fake", []));
    }
}

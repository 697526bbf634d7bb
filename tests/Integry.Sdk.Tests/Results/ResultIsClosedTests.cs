using System.Reflection;

namespace Integry.Sdk.Tests.ResultContract;

/// <summary>No type outside the SDK can derive from <see cref="Result"/>: it is a class, not a record, and offers no constructor another assembly can call.</summary>
public class ResultIsClosedTests
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    [Test]
    public void Result_has_no_constructor_another_assembly_can_reach()
    {
        var constructors = typeof(Result).GetConstructors(Instance);

        Assert.That(constructors, Is.Not.Empty);
        Assert.That(constructors.Select(constructor => constructor.IsFamilyAndAssembly || constructor.IsPrivate || constructor.IsAssembly), Is.All.True,
            "every constructor must be private protected, internal or private (a protected or public one lets other assemblies derive)");
    }

    [Test]
    public void Result_is_not_a_record_so_it_has_no_protected_copy_constructor_or_clone()
    {
        Assert.That(typeof(Result).GetMethod("<Clone>$", Instance), Is.Null);
        Assert.That(typeof(Result).GetProperty("EqualityContract", Instance), Is.Null);
        Assert.That(typeof(Result).GetConstructor(Instance, [typeof(Result)]), Is.Null);
    }

    [Test]
    public void The_two_cases_are_sealed_and_the_only_types_deriving_from_result()
    {
        var derived = typeof(Result).Assembly.GetTypes().Where(type => type != typeof(Result) && typeof(Result).IsAssignableFrom(type)).ToArray();

        Assert.That(derived, Is.EquivalentTo(new[] { typeof(Result.Executed), typeof(Result.Rejected) }));
        Assert.That(derived.Select(type => type.IsSealed), Is.All.True);
    }

    [Test]
    public void Results_still_take_object_initialisers()
    {
        var rejected = new Result.Rejected("e", ["d"]) { Error = "changed", Reason = RejectionReason.DeniedByPolicy };

        Assert.That(rejected.Error, Is.EqualTo("changed"));
        Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.DeniedByPolicy));
    }

    [Test]
    public void Match_and_switch_call_exactly_one_function()
    {
        Result executed = new Result.Executed(200, default);
        Result rejected = Result.Rejected.FunctionNotFound("x");
        var calls = new List<string>();

        Assert.That(executed.Match(_ => "executed", _ => "rejected"), Is.EqualTo("executed"));
        Assert.That(rejected.Match(_ => "executed", _ => "rejected"), Is.EqualTo("rejected"));
        executed.Switch(_ => calls.Add("executed"), _ => calls.Add("rejected"));
        rejected.Switch(_ => calls.Add("executed"), _ => calls.Add("rejected"));

        Assert.That(calls, Is.EqualTo(new[] { "executed", "rejected" }));
        Assert.That(executed.TryGetExecuted(out var asExecuted) && asExecuted is not null, Is.True);
        Assert.That(rejected.TryGetRejected(out var asRejected) && asRejected!.Reason == RejectionReason.FunctionNotFound, Is.True);
        Assert.That(executed.TryGetRejected(out _), Is.False);
    }

    [Test]
    public void Equality_operators_compare_the_wire_json_across_static_types()
    {
        Result left = Result.Rejected.NotConnected("slack", "Slack");
        var right = Result.Rejected.NotConnected("slack", "Slack");

        Assert.That(left == right, Is.True);
        Assert.That(left != right, Is.False);
        Assert.That(left.Equals((object)right), Is.True);
        Assert.That(left.GetHashCode(), Is.EqualTo(right.GetHashCode()));
        Assert.That(left == Result.Rejected.NotConnected("hubspot", "HubSpot"), Is.False);
        Assert.That(left == new Result.Executed(200, default), Is.False);
        Assert.That(left == null, Is.False);
        Assert.That((Result?)null == null, Is.True);
    }
}

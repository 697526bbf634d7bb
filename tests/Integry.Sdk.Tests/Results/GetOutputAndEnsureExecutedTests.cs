using System.Text.Json;

namespace Integry.Sdk.Tests.ResultContract;

/// <summary><c>GetOutput</c> reads the app's answer as the caller's own type; <c>EnsureExecuted</c> turns a rejection into an exception that carries it.</summary>
public class GetOutputAndEnsureExecutedTests
{
    private static Result.Executed Executed(string output, int networkCode = 200)
    {
        using var document = JsonDocument.Parse(output);
        return new Result.Executed(networkCode, document.RootElement.Clone());
    }

    [Test]
    public void The_output_reads_as_the_callers_type()
    {
        var order = Executed("""{"id":7,"status":"open"}""").GetOutput(UserJsonContext.Default.Order);

        Assert.That(order!.Id, Is.EqualTo(7));
        Assert.That(order.Status, Is.EqualTo("open"));
    }

    [Test]
    public void A_null_output_reads_as_null()
    {
        Assert.That(Executed("null").GetOutput(UserJsonContext.Default.Order), Is.Null);
    }

    [TestCase("""{"id":"secret-value-123","status":"open"}""")]
    [TestCase("""["secret-value-123"]""")]
    [TestCase("\"secret-value-123\"")]
    public void An_output_that_does_not_fit_is_a_protocol_exception_naming_the_path_but_no_value(string output)
    {
        var exception = Assert.Throws<IntegryException>(() => Executed(output, 400).GetOutput(UserJsonContext.Default.Order));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Protocol));
        Assert.That(exception.IsTransient, Is.False);
        Assert.That(exception.InnerException, Is.InstanceOf<JsonException>());
        Assert.That(exception.Message, Does.Contain("Order").And.Contain("400").And.Not.Contain("secret-value-123"));
    }

    [Test]
    public void A_missing_type_info_is_an_argument_exception()
    {
        Assert.Throws<ArgumentNullException>(() => Executed("{}").GetOutput<Order>(null!));
    }

    [Test]
    public void Ensure_executed_returns_the_executed_case()
    {
        Result result = Executed("{}", 404);

        Assert.That(result.EnsureExecuted(), Is.SameAs(result));
    }

    [Test]
    public void Ensure_executed_throws_a_rejected_exception_carrying_the_rejection()
    {
        var rejected = Result.Rejected.NotConnected("slack", "Slack");

        var exception = Assert.Throws<IntegryRejectedException>(() => ((Result)rejected).EnsureExecuted());

        Assert.That(exception!.Rejection, Is.SameAs(rejected));
        Assert.That(exception.Kind, Is.EqualTo(IntegryErrorKind.Rejected));
        Assert.That(exception.IsTransient, Is.False);
        Assert.That(exception.StatusCode, Is.Null);
        Assert.That(exception.Message, Is.EqualTo("The function was not run (NotConnected): " + rejected.ErrorDetails[0]));
        Assert.That(exception, Is.InstanceOf<IntegryException>());
    }

    [Test]
    public void A_rejection_without_details_names_its_error()
    {
        var exception = new IntegryRejectedException(new Result.Rejected("Function not found", []));

        Assert.That(exception.Message, Is.EqualTo("The function was not run (FunctionNotFound): Function not found"));
    }
}

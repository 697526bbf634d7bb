namespace Integry.Sdk.Tests.CallLog;

public class InMemoryFunctionCallLogTests
{
    private static FunctionCallRecord Record(int n) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(n),
        Duration = TimeSpan.FromMilliseconds(n),
        UserId = "u",
        FunctionName = "slack-passthrough-request",
        App = "slack",
        Method = "GET",
        Url = "https://slack.com/api/call" + n,
        NetworkCode = 200,
    };

    [Test]
    public async Task Records_come_back_oldest_first()
    {
        var log = new InMemoryFunctionCallLog(10);
        for (var i = 1; i <= 4; i++)
        {
            await log.RecordAsync(Record(i));
        }

        Assert.That(log.GetRecords().Select(record => record.Url), Is.EqualTo(Enumerable.Range(1, 4).Select(i => "https://slack.com/api/call" + i)));
    }

    [Test]
    public async Task A_full_log_drops_the_oldest_records_first()
    {
        var log = new InMemoryFunctionCallLog(3);
        for (var i = 1; i <= 7; i++)
        {
            await log.RecordAsync(Record(i));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(log.Capacity, Is.EqualTo(3));
            Assert.That(log.GetRecords().Select(record => record.Url), Is.EqualTo(new[] { "https://slack.com/api/call5", "https://slack.com/api/call6", "https://slack.com/api/call7" }));
        }
    }

    [Test]
    public async Task Get_records_returns_a_copy_and_clear_empties_the_log()
    {
        var log = new InMemoryFunctionCallLog(2);
        await log.RecordAsync(Record(1));
        var before = log.GetRecords();

        await log.RecordAsync(Record(2));
        log.Clear();
        await log.RecordAsync(Record(3));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Has.Count.EqualTo(1));
            Assert.That(log.GetRecords().Select(record => record.Url), Is.EqualTo(new[] { "https://slack.com/api/call3" }));
        }
    }

    [Test]
    public void The_default_capacity_is_a_thousand_and_a_capacity_must_be_positive()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new InMemoryFunctionCallLog().Capacity, Is.EqualTo(InMemoryFunctionCallLog.DefaultCapacity).And.EqualTo(1000));
            Assert.That(() => new InMemoryFunctionCallLog(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new InMemoryFunctionCallLog(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }

    [Test]
    public async Task Concurrent_records_are_all_kept_up_to_the_capacity()
    {
        var log = new InMemoryFunctionCallLog(500);

        await Parallel.ForAsync(0, 2000, async (i, cancellationToken) => await log.RecordAsync(Record(i), cancellationToken));

        var records = log.GetRecords();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records, Has.Count.EqualTo(500));
            Assert.That(records, Is.All.Not.Null);
            Assert.That(records.Select(record => record.Url).Distinct().Count(), Is.EqualTo(500));
        }
    }
}

namespace Integry.Sdk.Tests.CallLog;

/// <summary>
/// The in-memory log gives back the records written, equal in every property, oldest first, exactly as a list that drops
/// its oldest record beyond the capacity would, whatever the sequence of records and clears.
/// </summary>
public class InMemoryFunctionCallLogBehavesAsABoundedListTests
{
    [Test]
    public async Task A_record_comes_back_equal_in_every_property()
    {
        var written = new FunctionCallRecord
        {
            Timestamp = new DateTimeOffset(2026, 11, 30, 15, 4, 5, TimeSpan.FromHours(2)).AddTicks(7),
            Duration = TimeSpan.FromTicks(123_456_789),
            UserId = "user-é-1",
            FunctionName = "slack-passthrough-request",
            App = "slack",
            ConnectedAccountId = "acc-9",
            Method = "PATCH",
            Url = "https://slack.com/api/chat.update?channel=C1&token=***",
            NetworkCode = 409,
        };
        var log = new InMemoryFunctionCallLog();

        await log.RecordAsync(written);

        var read = log.GetRecords().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.EqualTo(written));
            Assert.That(read.Timestamp.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(200)]
    [TestCase(1000)]
    public async Task Any_sequence_of_records_and_clears_reads_back_as_a_bounded_list_would(int capacity)
    {
        var random = new Random(capacity);
        var log = new InMemoryFunctionCallLog(capacity);
        var model = new List<FunctionCallRecord>();
        for (var step = 0; step < 5_000; step++)
        {
            if (random.Next(400) == 0)
            {
                log.Clear();
                model.Clear();
            }
            else
            {
                var record = Record(step, random);
                await log.RecordAsync(record);
                model.Add(record);
                if (model.Count > capacity)
                {
                    model.RemoveAt(0);
                }
            }

            if (step % 97 == 0 || step == 4_999)
            {
                Assert.That(log.GetRecords(), Is.EqualTo(model), $"capacity {capacity}, step {step}");
            }
        }

        Assert.That(log.Capacity, Is.EqualTo(capacity));
    }

    private static FunctionCallRecord Record(int n, Random random) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(n),
        Duration = TimeSpan.FromMilliseconds(random.Next(10_000)),
        UserId = "u" + random.Next(5),
        FunctionName = "app-passthrough-request",
        App = "app",
        ConnectedAccountId = random.Next(3) == 0 ? null : "acc-" + random.Next(3),
        Method = random.Next(2) == 0 ? "GET" : "POST",
        Url = "https://app.example/v1/items/" + n,
        NetworkCode = 200 + random.Next(300),
    };
}

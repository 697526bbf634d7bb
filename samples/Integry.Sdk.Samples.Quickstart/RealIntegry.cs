namespace Integry.Sdk.Samples.Quickstart;

/// <summary>The quickstart against Integry's real API, for readers who set their app key, secret and a user id.</summary>
internal static class RealIntegry
{
    public static async Task RunAsync(string appKey, string appSecret, string userId)
    {
        var client = new IntegryClient(appKey, appSecret, userId);
        Console.WriteLine($"Calling Integry at {IntegryClientOptions.DefaultBaseAddress} for user '{userId}'.");

        var functions = await client.ListFunctionsAsync(FunctionType.Passthrough);
        Console.WriteLine($"Integry offers {functions.Count} passthrough functions; the first few:");
        foreach (var function in functions.Take(5))
        {
            Console.WriteLine($"  {function.Name}");
        }

        var result = await client.PassthroughAsync("slack", PassthroughRequest.Get("https://slack.com/api/conversations.list?limit=2"));
        Console.WriteLine();
        Console.WriteLine("slack-passthrough-request:");
        Console.WriteLine(result.ToIndentedJson());
    }
}

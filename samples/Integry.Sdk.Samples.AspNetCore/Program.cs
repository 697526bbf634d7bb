using Integry.Sdk.Samples.AspNetCore;

var app = SampleApp.Build(args);
await app.RunAsync();

namespace Integry.Tool.Tests;

/// <summary>A test class over one <see cref="ToolWorld"/>: started once for the class, its records cleared before each test.</summary>
public abstract class ToolWorldFixture
{
    private ToolWorld? _world;

    /// <summary>The emulator and the fake app the commands run against.</summary>
    private protected ToolWorld World => _world ?? throw new InvalidOperationException("The world starts in OneTimeSetUp.");

    [OneTimeSetUp]
    public async Task StartWorldAsync() => _world = await ToolWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopWorldAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [SetUp]
    public void ClearWorld() => World.Clear();
}

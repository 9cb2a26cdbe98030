using Xunit;

namespace Obeya.Testing;

/// <summary>Waits for something that arrives on its own (a push, a reload), for up to ten seconds.</summary>
public static class Eventually
{
    public static async Task Holds(Func<bool> condition, string what = "the condition")
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), $"Waited ten seconds for {what}.");
    }
}

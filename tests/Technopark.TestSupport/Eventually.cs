using System.Diagnostics;
using Xunit;

namespace Technopark.TestSupport;

/// <summary>Waiting for what another thread, process or server does: asked again every 50 ms until it holds or time is up.</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds; fails when it still does not after <paramref name="within"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan within) => UntilAsync(() => Task.FromResult(condition()), within);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan)"/>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var since = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(since.Elapsed < within, $"Not reached within {within}.");
            await Task.Delay(Pause);
        }
    }

    /// <summary>
    /// Asks again, without pausing, until the answer is the awaited one or <paramref name="within"/> has passed, and returns the
    /// last answer (for assertions on how fast a change reaches a server: "within a second").
    /// </summary>
    public static async Task<T> AnswerAsync<T>(Func<Task<T>> ask, Func<T, bool> awaited, TimeSpan within)
    {
        var since = Stopwatch.StartNew();
        T answer;
        do
        {
            answer = await ask();
        }
        while (!awaited(answer) && since.Elapsed < within);

        return answer;
    }
}

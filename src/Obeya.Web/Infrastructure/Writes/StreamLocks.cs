namespace Obeya.Web.Infrastructure.Writes;

/// <summary>
/// Serialises this node's writes per stream: a burst of changes to one board queues here instead of racing in the
/// store and being decided again. Striped, so memory stays fixed; two streams are taken in stripe order, never deadlocking.
/// </summary>
public sealed class StreamLocks
{
    private const int Stripes = 1024;

    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> Hold(IReadOnlyCollection<Guid> streamIds, CancellationToken ct)
    {
        var taken = new List<SemaphoreSlim>();
        try
        {
            foreach (var stripe in streamIds.Select(StripeOf).Distinct().Order())
            {
                await stripes[stripe].WaitAsync(ct);
                taken.Add(stripes[stripe]);
            }
        }
        catch
        {
            Release(taken);
            throw;
        }

        return new Held(taken);
    }

    private static int StripeOf(Guid id) => (int)((uint)id.GetHashCode() % Stripes);

    private static void Release(List<SemaphoreSlim> taken)
    {
        foreach (var semaphore in taken)
        {
            semaphore.Release();
        }
    }

    private sealed class Held(List<SemaphoreSlim> taken) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Release(taken);
            }
        }
    }
}

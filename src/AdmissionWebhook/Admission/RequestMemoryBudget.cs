namespace AdmissionWebhook.Admission;

/// <summary>
/// Bounds the request bytes being reviewed at once. A review holds its body, the parsed document over it and the
/// typed models (a mutation also two JSON trees), a small multiple of the body; bounding the bodies therefore bounds
/// the heap. A request that does not fit waits in arrival order, briefly; the caller answers 503 with
/// <c>Retry-After</c> when the wait runs out, so the API server's failurePolicy decides instead of an OOM kill.
/// README "Memory" documents how the budget, the GC heap limit and the Deployment's memory limit fit together.
/// </summary>
internal sealed class RequestMemoryBudget(long capacity)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _available = capacity;

    public long Capacity { get; } = capacity;

    /// <summary>Bytes currently granted (for metrics and tests).</summary>
    public long InUse
    {
        get
        {
            lock (_lock)
            {
                return Capacity - _available;
            }
        }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> (clamped to the capacity, so one maximal request always fits alone). Returns
    /// null when the reservation could not be made within <paramref name="wait"/>; dispose the lease to release it.
    /// </summary>
    public async ValueTask<IDisposable?> TryAcquireAsync(long bytes, TimeSpan wait, CancellationToken cancellationToken)
    {
        bytes = Math.Clamp(bytes, 1, Capacity);
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            // First come, first served: a large request is not starved by a stream of small ones.
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return new Lease(this, bytes);
            }
            waiter = new Waiter(bytes);
            node = _waiters.AddLast(waiter);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        await using (timeout.Token.Register(() => Abandon(node)))
        {
            try
            {
                await waiter.Granted.Task.ConfigureAwait(false);
                return new Lease(this, bytes);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private void Abandon(LinkedListNode<Waiter> node)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // already granted
            }
            _waiters.Remove(node);
            node.Value.Granted.TrySetCanceled();
            GrantWaiting();
        }
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _available += bytes;
            GrantWaiting();
        }
    }

    // Called under the lock.
    private void GrantWaiting()
    {
        while (_waiters.First is { } first && first.Value.Bytes <= _available)
        {
            _waiters.RemoveFirst();
            _available -= first.Value.Bytes;
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(RequestMemoryBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}

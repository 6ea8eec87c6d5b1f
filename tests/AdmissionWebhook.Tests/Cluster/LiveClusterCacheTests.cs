using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using static AdmissionWebhook.Tests.Cluster.ClusterObjects;
using static AdmissionWebhook.Tests.Cluster.FakeApiServer;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>
/// The list-and-watch caches against WireMock playing the API server: what the caches hold after each list and
/// watch event, and which requests they made.
/// </summary>
public sealed class LiveClusterCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initial_list_follows_continue_tokens_then_watches_from_the_list_resourceVersion()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath,
            FakeResponse.List("10", "page-2", Nad("ns1", "a", "5"), Nad("ns1", "b", "6")),
            FakeResponse.List("10", null, Nad("ns2", "c", "7")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null, Subnet("s1", "a.ns1.ovn", "8"), Subnet("s2", "ovn", "9", "10.16.0.0/16")));

        await cluster.StartSyncedAsync();

        Assert.True(cluster.Source.IsSynced);
        Assert.Equal(3, cluster.Source.Nads.Count);
        Assert.Equal(new NadInfo("ns1", "a", CniFlavour.Ovn, "a.ns1.ovn", Socket), await cluster.Source.FindNadAsync(new("ns1", "a"), Ct));
        Assert.NotNull(cluster.Source.Nads.Find(new("ns2", "c")));
        var s1 = Assert.Single(cluster.Source.FindSubnetsByProvider("a.ns1.ovn"));
        Assert.Equal(("s1", "172.17.0.0/16", "172.17.0.1", "IPv4", 3d), (s1.Name, s1.CidrBlock, s1.Gateway, s1.Protocol, s1.V4UsingIps));
        Assert.Equal(["172.17.0.0..172.17.0.10"], s1.ExcludeIps);
        Assert.Equal(["s1", "s2"], cluster.Source.AllSubnets().Select(s => s.Name).Order(StringComparer.Ordinal));

        var lists = cluster.Api.Requests(NadPath, watch: false);
        Assert.Equal(2, lists.Count);
        Assert.Equal(("2", null), (Param(lists[0], "limit"), Param(lists[0], "continue")));
        Assert.Equal(("2", "page-2"), (Param(lists[1], "limit"), Param(lists[1], "continue")));
        Assert.Equal("Bearer test-token", lists[0].Headers!["Authorization"].Single());

        var watch = await cluster.WatchRequestAsync(NadPath, 1);
        Assert.Equal(("10", "true"), (Param(watch, "resourceVersion"), Param(watch, "allowWatchBookmarks")));
        var subnetWatch = await cluster.WatchRequestAsync(SubnetPath, 1);
        Assert.Equal("20", Param(subnetWatch, "resourceVersion"));
        Assert.Equal((1, 0, 0), (cluster.Source.NadCache.Lists, cluster.Source.FallbackGets, cluster.Source.NadCache.WatchRestarts));
    }

    [Fact]
    public async Task Added_modified_and_deleted_events_are_applied()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5"), Nad("ns1", "c", "6")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null, Subnet("s1", "p1", "8")));
        await cluster.StartSyncedAsync();
        await cluster.WatchRequestAsync(NadPath, 1);
        await cluster.WatchRequestAsync(SubnetPath, 1);

        cluster.Api.QueueWatch(NadPath, FakeResponse.Lines(
            FakeResponse.Event("ADDED", Nad("ns1", "b", "11")),
            FakeResponse.Event("MODIFIED", Nad("ns1", "a", "12", provider: "changed.ns1.ovn")),
            FakeResponse.Event("DELETED", Nad("ns1", "c", "13"))));
        cluster.Api.QueueWatch(SubnetPath, FakeResponse.Lines(
            FakeResponse.Event("MODIFIED", Subnet("s1", "p2", "21")),
            FakeResponse.Event("ADDED", Subnet("s3", "p1", "22"))));

        await Eventually.HoldsAsync(
            () => cluster.Source.NadCache.ResourceVersion == "13" && cluster.Source.SubnetCache.ResourceVersion == "22", "the events");

        Assert.Equal(["ns1/a", "ns1/b"], cluster.Source.Nads.All().Select(n => n.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("changed.ns1.ovn", cluster.Source.Nads.Find(new("ns1", "a"))!.Provider);
        Assert.Equal(["s3"], cluster.Source.FindSubnetsByProvider("p1").Select(s => s.Name));
        Assert.Equal(["s1"], cluster.Source.FindSubnetsByProvider("p2").Select(s => s.Name));
        Assert.Equal(2, cluster.Source.AllSubnets().Count);
        Assert.Equal((3, 2), (cluster.Source.NadCache.WatchEvents, cluster.Source.SubnetCache.WatchEvents));
        Assert.Single(cluster.Api.Requests(NadPath, watch: false));
    }

    [Fact]
    public async Task A_bookmark_moves_the_resourceVersion_and_the_next_watch_starts_there()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        cluster.Api.QueueWatch(NadPath, FakeResponse.Lines(FakeResponse.Bookmark("NetworkAttachmentDefinition", "k8s.cni.cncf.io/v1", "50")));
        await cluster.StartSyncedAsync();

        var rewatch = await cluster.WatchRequestAsync(NadPath, 2);

        Assert.Equal("10", Param(cluster.Api.Requests(NadPath, watch: true)[0], "resourceVersion"));
        Assert.Equal("50", Param(rewatch, "resourceVersion"));
        Assert.Equal(["ns1/a"], cluster.Source.Nads.All().Select(n => n.Key.ToString()));
        Assert.Equal(0, cluster.Source.NadCache.WatchEvents);
        Assert.Single(cluster.Api.Requests(NadPath, watch: false));
    }

    [Fact]
    public async Task A_closed_or_broken_stream_is_watched_again_from_the_last_event_without_a_relist()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        cluster.Api.QueueWatch(NadPath,
            FakeResponse.Lines(FakeResponse.Event("ADDED", Nad("ns1", "b", "11"))),
            FakeResponse.Status(500, "InternalError"));
        await cluster.StartSyncedAsync();

        var third = await cluster.WatchRequestAsync(NadPath, 3);

        Assert.Equal(["10", "11", "11"], cluster.Api.Requests(NadPath, watch: true).Select(r => Param(r, "resourceVersion")));
        Assert.Single(cluster.Api.Requests(NadPath, watch: false));
        Assert.NotNull(cluster.Source.Nads.Find(new("ns1", "b")));
        Assert.Equal(2, cluster.Source.NadCache.WatchRestarts);
        Assert.False(cluster.Source.NadCache.ApiServerReachable);
        Assert.True(cluster.Logged(102), "the loss of the API server is logged");
        Assert.Equal("11", Param(third, "resourceVersion"));

        // The re-opened watch delivers again: the server counts as reachable once more.
        cluster.Api.QueueWatch(NadPath, FakeResponse.Lines(FakeResponse.Event("ADDED", Nad("ns1", "d", "12"))));
        await Eventually.HoldsAsync(() => cluster.Source.Nads.Find(new("ns1", "d")) is not null, "ns1/d");
        Assert.True(cluster.Source.NadCache.ApiServerReachable);
        Assert.True(cluster.Logged(103));
    }

    [Fact]
    public async Task A_watch_closed_before_its_first_line_is_a_normal_close_not_a_lost_api_server()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        cluster.Api.QueueWatch(NadPath, FakeResponse.Lines());
        await cluster.StartSyncedAsync();

        var rewatch = await cluster.WatchRequestAsync(NadPath, 2);

        Assert.Equal("10", Param(rewatch, "resourceVersion"));
        Assert.True(cluster.Source.NadCache.ApiServerReachable);
        Assert.False(cluster.Logged(102));
        Assert.Single(cluster.Api.Requests(NadPath, watch: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Gone_leads_to_exactly_one_relist_then_a_watch_from_the_new_resourceVersion(bool asErrorEvent)
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath,
            FakeResponse.List("10", null, Nad("ns1", "a", "5"), Nad("ns1", "gone", "6")),
            FakeResponse.List("30", null, Nad("ns1", "a", "5"), Nad("ns1", "d", "29")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        cluster.Api.QueueWatch(NadPath, asErrorEvent ? FakeResponse.Lines(FakeResponse.GoneEvent()) : FakeResponse.Status(410, "Expired"));
        await cluster.StartSyncedAsync();

        var afterRelist = await cluster.WatchRequestAsync(NadPath, 2);
        // An event on the watch that follows the re-list: once the cache holds it, the informer is watching, so any
        // wrong second re-list would already have been made.
        cluster.Api.QueueWatch(NadPath, FakeResponse.Lines(FakeResponse.Event("ADDED", Nad("ns1", "e", "31"))));
        await Eventually.HoldsAsync(() => cluster.Source.Nads.Find(new("ns1", "e")) is not null, "the event after the re-list");

        Assert.Equal(2, cluster.Api.Requests(NadPath, watch: false).Count);
        Assert.Equal(2, cluster.Api.LogEntries.Count(e => e.RequestMessage.Path == NadPath && Param(e.RequestMessage, "watch") is null));
        Assert.Equal("30", Param(afterRelist, "resourceVersion"));
        // The event stream closes after its line, so the informer watches again: from the event's version, not a list.
        Assert.All(cluster.Api.Requests(NadPath, watch: true).Skip(2), w => Assert.Equal("31", Param(w, "resourceVersion")));
        Assert.Equal(["ns1/a", "ns1/d", "ns1/e"], cluster.Source.Nads.All().Select(n => n.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, cluster.Source.NadCache.Lists);
        Assert.True(cluster.Logged(104));
        Assert.Single(cluster.Api.Requests(SubnetPath, watch: false));
    }

    [Fact]
    public async Task An_expired_continue_token_restarts_the_list_from_the_first_page()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath,
            FakeResponse.List("10", "c1", Nad("ns1", "a", "5"), Nad("ns1", "b", "6")),
            FakeResponse.Status(410, "Expired"),
            FakeResponse.List("12", "c2", Nad("ns1", "a", "5"), Nad("ns1", "b", "6")),
            FakeResponse.List("12", null, Nad("ns1", "e", "11")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));

        await cluster.StartSyncedAsync();

        Assert.Equal([null, "c1", null, "c2"], cluster.Api.Requests(NadPath, watch: false).Select(r => Param(r, "continue")));
        Assert.Equal(["ns1/a", "ns1/b", "ns1/e"], cluster.Source.Nads.All().Select(n => n.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("12", Param(await cluster.WatchRequestAsync(NadPath, 1), "resourceVersion"));
        Assert.Equal(1, cluster.Source.NadCache.Lists);
    }

    [Fact]
    public async Task Until_the_first_list_succeeds_lookups_are_unavailable_and_the_list_is_retried()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.Status(500, "InternalError"));
        var subnetListAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null, Subnet("s1", "p1", "8")) with { HeldUntil = subnetListAnswers.Task });
        cluster.Start();

        // The slow Subnet list: not synced until its answer arrives, which the test releases below.
        Assert.Throws<LookupUnavailableException>(() => cluster.Source.FindSubnetsByProvider("p1"));
        Assert.Throws<LookupUnavailableException>(() => cluster.Source.AllSubnets());
        await Eventually.HoldsAsync(() => cluster.Api.Requests(NadPath, watch: false).Count >= 3, "NAD list retries");
        Assert.False(cluster.Source.IsSynced);
        Assert.False(cluster.Source.NadCache.ApiServerReachable);
        await Assert.ThrowsAsync<LookupUnavailableException>(async () => await cluster.Source.FindNadAsync(new("ns1", "a"), Ct));
        Assert.True(cluster.Logged(107));
        Assert.DoesNotContain(cluster.Api.Received, r => r.Path.EndsWith("/network-attachment-definitions/a", StringComparison.Ordinal));
        Assert.False(cluster.Source.SubnetCache.IsSynced);
        subnetListAnswers.SetResult();
        await Eventually.HoldsAsync(() => cluster.Source.SubnetCache.IsSynced, "the slow Subnet list");
        Assert.Equal(["s1"], cluster.Source.FindSubnetsByProvider("p1").Select(s => s.Name));
        Assert.False(cluster.Source.IsSynced);

        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        await Eventually.HoldsAsync(() => cluster.Source.IsSynced, "the NAD list after the failures");
        Assert.NotNull(await cluster.Source.FindNadAsync(new("ns1", "a"), Ct));
        Assert.True(cluster.Source.NadCache.ApiServerReachable);
    }

    [Fact]
    public async Task A_cache_miss_makes_one_live_get_and_a_missing_nad_is_remembered_briefly()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        var fresh = $"/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/fresh";
        var missing = $"/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/missing";
        cluster.Api.QueueGet(fresh, new FakeResponse(200, Nad("ns1", "fresh", "40").ToJsonString()));
        await cluster.StartSyncedAsync();

        var found = await cluster.Source.FindNadAsync(new("ns1", "fresh"), Ct);
        var absent = await cluster.Source.FindNadAsync(new("ns1", "missing"), Ct);
        var absentAgain = await cluster.Source.FindNadAsync(new("ns1", "missing"), Ct);
        var cached = await cluster.Source.FindNadAsync(new("ns1", "a"), Ct);

        Assert.Equal(new NadInfo("ns1", "fresh", CniFlavour.Ovn, "fresh.ns1.ovn", Socket), found);
        Assert.Null(absent);
        Assert.Null(absentAgain);
        Assert.NotNull(cached);
        Assert.Single(cluster.Api.Received, r => r.Path == fresh && r.Method == "GET");
        Assert.Single(cluster.Api.Received, r => r.Path == missing && r.Method == "GET");
        Assert.Null(cluster.Source.Nads.Find(new("ns1", "fresh"))); // only the watch writes the cache
        Assert.Equal((2, 0, 1), (cluster.Source.FallbackGets, cluster.Source.FallbackGetFailures, cluster.Source.NegativeCacheHits));
    }

    [Fact]
    public async Task The_synchronous_lookup_answers_from_the_cache_and_the_negative_cache_and_leaves_a_miss_to_the_live_get()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        var missing = "/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/missing";
        await cluster.StartSyncedAsync();

        Assert.True(cluster.Source.TryFindNad(new("ns1", "a"), out var cached));
        Assert.Equal("a", cached?.Name);
        // Not in the cache and never asked for: only the live GET can tell, so the synchronous form declines.
        Assert.False(cluster.Source.TryFindNad(new("ns1", "missing"), out _));
        Assert.DoesNotContain(cluster.Api.Received, r => r.Path == missing);
        Assert.Null(await cluster.Source.FindNadAsync(new("ns1", "missing"), Ct));
        // Now remembered as missing: answered from memory, without a second GET.
        Assert.True(cluster.Source.TryFindNad(new("ns1", "missing"), out var absent));
        Assert.Null(absent);
        Assert.Single(cluster.Api.Received, r => r.Path == missing && r.Method == "GET");
    }

    [Fact]
    public async Task The_synchronous_lookup_refuses_to_answer_before_the_nad_cache_has_synced()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.Status(500, "InternalError"));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        cluster.Start();

        Assert.Throws<LookupUnavailableException>(() => cluster.Source.TryFindNad(new("ns1", "a"), out _));
    }

    [Fact]
    public async Task Concurrent_misses_for_the_same_nad_share_one_get()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        var path = "/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/burst";
        var getAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Api.QueueGet(path, new FakeResponse(200, Nad("ns1", "burst", "40").ToJsonString()) { HeldUntil = getAnswers.Task });
        await cluster.StartSyncedAsync();

        // All five misses start before the GET answers: it is held until the API server has received it.
        var lookups = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => cluster.Source.FindNadAsync(new("ns1", "burst"), Ct).AsTask()));
        await Eventually.HoldsAsync(() => cluster.Api.Received.Any(r => r.Path == path), "the shared GET");
        getAnswers.SetResult();
        var answers = await lookups;

        Assert.All(answers, a => Assert.Equal("burst.ns1.ovn", a!.Provider));
        Assert.Single(cluster.Api.Received, r => r.Path == path);
        Assert.Equal(1, cluster.Source.FallbackGets);
    }

    [Fact]
    public async Task A_miss_the_api_server_cannot_answer_in_time_is_unavailable_but_hits_are_still_answered()
    {
        // The slow GET is held until the fake API server stops: the lookup can end only through its own timeout.
        var options = LiveCluster.FastOptions();
        options.FallbackGetTimeout = TimeSpan.FromMilliseconds(500);
        await using var cluster = new LiveCluster(options);
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null));
        cluster.Api.QueueGet("/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/slow",
            FakeResponse.Status(404, "NotFound") with { HeldUntil = new TaskCompletionSource().Task });
        cluster.Api.QueueGet("/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/broken",
            FakeResponse.Status(500, "InternalError"));
        await cluster.StartSyncedAsync();

        var slow = await Assert.ThrowsAsync<LookupUnavailableException>(async () =>
            await cluster.Source.FindNadAsync(new("ns1", "slow"), Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct));
        var broken = await Assert.ThrowsAsync<LookupUnavailableException>(async () => await cluster.Source.FindNadAsync(new("ns1", "broken"), Ct));

        Assert.Contains("ns1/slow", slow.Message, StringComparison.Ordinal);
        Assert.Contains("500", broken.Message, StringComparison.Ordinal);
        Assert.NotNull(await cluster.Source.FindNadAsync(new("ns1", "a"), Ct));
        Assert.Equal((2, 2), (cluster.Source.FallbackGets, cluster.Source.FallbackGetFailures));
        Assert.True(cluster.Logged(108));
    }

    [Fact]
    public async Task Losing_the_api_server_after_sync_keeps_answering_from_the_cache_and_it_catches_up_on_return()
    {
        await using var cluster = new LiveCluster();
        cluster.Api.QueueList(NadPath, FakeResponse.List("10", null, Nad("ns1", "a", "5")));
        cluster.Api.QueueList(SubnetPath, FakeResponse.List("20", null, Subnet("s1", "a.ns1.ovn", "8")));
        await cluster.StartSyncedAsync();
        await cluster.WatchRequestAsync(NadPath, 1);

        cluster.Api.Stop();
        await Eventually.HoldsAsync(() => !cluster.Source.NadCache.ApiServerReachable && !cluster.Source.SubnetCache.ApiServerReachable,
            "the caches to notice the loss");

        Assert.True(cluster.Source.IsSynced);
        Assert.NotNull(await cluster.Source.FindNadAsync(new("ns1", "a"), Ct));
        Assert.Single(cluster.Source.FindSubnetsByProvider("a.ns1.ovn"));
        await Assert.ThrowsAsync<LookupUnavailableException>(async () => await cluster.Source.FindNadAsync(new("ns1", "unknown"), Ct));
        Assert.True(cluster.Logged(102));

        var watchesBefore = cluster.Api.Requests(NadPath, watch: true).Count;
        cluster.Api.Restart();
        cluster.Api.QueueWatch(NadPath, FakeResponse.Lines(FakeResponse.Event("ADDED", Nad("ns1", "b", "11"))));
        await Eventually.HoldsAsync(() => cluster.Source.Nads.Find(new("ns1", "b")) is not null, "the event after the return");

        Assert.True(cluster.Source.NadCache.ApiServerReachable);
        Assert.True(cluster.Logged(103));
        var rewatch = cluster.Api.Requests(NadPath, watch: true)[watchesBefore];
        Assert.Equal("10", Param(rewatch, "resourceVersion"));
        Assert.Single(cluster.Api.Requests(NadPath, watch: false));
    }
}

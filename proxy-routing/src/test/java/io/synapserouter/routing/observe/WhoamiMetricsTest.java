package io.synapserouter.routing.observe;

import io.synapserouter.testkit.prometheus.Scrape;
import io.synapserouter.testkit.prometheus.Promtool;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.synapserouter.core.observe.ProxyMetrics;
import io.synapserouter.routing.identity.IdentityOutcome;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhoamiMetricsTest {

    private ProxyMetrics proxyMetrics;
    private WhoamiMetrics whoami;

    @BeforeEach
    void setUp() {
        proxyMetrics = ProxyMetrics.create();
        whoami = new WhoamiMetrics(proxyMetrics.registry());
    }

    @AfterEach
    void tearDown() {
        proxyMetrics.close();
    }

    private Scrape scrape() {
        return new Scrape(proxyMetrics.registry().scrape());
    }

    @Test
    void everyOutcomeSeriesExistsAtZeroBeforeTheFirstLookup() {
        Scrape scrape = scrape();
        for (String outcome : new String[] {"no_token", "hit", "miss", "coalesced", "breaker_open"}) {
            assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", outcome)).isZero();
        }
        for (String outcome : new String[] {"ok", "unauthorized", "error", "timeout"}) {
            assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", outcome)).isZero();
            assertThat(scrape.sum("synapse_router_whoami_lookup_duration_seconds_count", "outcome", outcome)).isZero();
        }
        assertThat(scrape.has("synapse_router_whoami_lookups_total", "outcome", "hit")).isFalse();
        assertThat(scrape.has("synapse_router_whoami_lookup_duration_seconds_count", "outcome", "breaker_open")).isFalse();
        assertThat(scrape.sum("synapse_router_whoami_breaker_open")).isZero();
        assertThat(scrape.sum("synapse_router_whoami_breaker_openings_total")).isZero();
    }

    @Test
    void requestOutcomesAndLookupResultsLandInTheirOwnCounters() {
        for (int i = 0; i < 90; i++) {
            whoami.outcome(IdentityOutcome.HIT);
        }
        for (int i = 0; i < 7; i++) {
            whoami.outcome(IdentityOutcome.MISS);
        }
        whoami.outcome(IdentityOutcome.COALESCED);
        whoami.outcome(IdentityOutcome.COALESCED);
        whoami.outcome(IdentityOutcome.BREAKER_OPEN);
        whoami.outcome(IdentityOutcome.NO_TOKEN);
        // What the resolver does when a lookup ends: latency first, then the result.
        for (int i = 0; i < 5; i++) {
            whoami.lookupLatency(IdentityOutcome.OK, TimeUnit.MILLISECONDS.toNanos(3));
            whoami.outcome(IdentityOutcome.OK);
        }
        whoami.lookupLatency(IdentityOutcome.UNAUTHORIZED, TimeUnit.MILLISECONDS.toNanos(2));
        whoami.outcome(IdentityOutcome.UNAUTHORIZED);
        whoami.lookupLatency(IdentityOutcome.TIMEOUT, TimeUnit.SECONDS.toNanos(2) + 1);
        whoami.outcome(IdentityOutcome.TIMEOUT);

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "hit")).isEqualTo(90);
        assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "miss")).isEqualTo(7);
        assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "coalesced")).isEqualTo(2);
        assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "breaker_open")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "no_token")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_requests_total")).isEqualTo(101);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "ok")).isEqualTo(5);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "unauthorized")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "timeout")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total")).isEqualTo(7);
        String bucket = "synapse_router_whoami_lookup_duration_seconds_bucket";
        assertThat(scrape.sum(bucket, "outcome", "ok", "le", "0.002")).isZero();
        assertThat(scrape.sum(bucket, "outcome", "ok", "le", "0.005")).isEqualTo(5);
        assertThat(scrape.sum(bucket, "outcome", "timeout", "le", "2.0")).isZero();
        assertThat(scrape.sum(bucket, "outcome", "timeout", "le", "5.0")).isEqualTo(1);
    }

    @Test
    void breakerGaugeFollowsOpenAndCloseAndOpeningsAreCountedOnce() {
        whoami.breakerOpened();
        whoami.breakerOpened(); // a repeated report while open is not a new opening
        assertThat(scrape().sum("synapse_router_whoami_breaker_open")).isEqualTo(1);

        whoami.breakerClosed();
        assertThat(scrape().sum("synapse_router_whoami_breaker_open")).isZero();
        whoami.breakerOpened();

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_whoami_breaker_open")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_breaker_openings_total")).isEqualTo(2);
    }

    @Test
    void anAsyncCacheCanBeMonitoredToo() {
        com.github.benmanes.caffeine.cache.AsyncCache<String, String> cache =
                whoami.monitor(Caffeine.newBuilder().recordStats().<String, String>buildAsync());
        cache.put("t", java.util.concurrent.CompletableFuture.completedFuture("u"));
        cache.getIfPresent("t");
        assertThat(scrape().sum("cache_gets_total", "cache", "whoami", "result", "hit")).isEqualTo(1);
        assertThat(cache.synchronous().estimatedSize()).isEqualTo(1);
    }

    @Test
    void theMonitoredCacheReportsGetsSizeAndEvictions() {
        Cache<String, String> cache = whoami.monitor(Caffeine.newBuilder().maximumSize(100).recordStats().<String, String>build());
        cache.put("token-a", "@a:example.org");
        cache.getIfPresent("token-a");
        cache.getIfPresent("token-a");
        cache.getIfPresent("token-b");

        Scrape scrape = scrape();
        assertThat(scrape.sum("cache_gets_total", "cache", "whoami", "result", "hit")).isEqualTo(2);
        assertThat(scrape.sum("cache_gets_total", "cache", "whoami", "result", "miss")).isEqualTo(1);
        assertThat(scrape.sum("cache_size", "cache", "whoami")).isEqualTo(1);
        assertThat(proxyMetrics.registry().scrape()).doesNotContain("token-a", "@a:example.org");

        CacheStatus status = CacheStatus.of(cache);
        assertThat(status).isEqualTo(new CacheStatus(1, 2, 1, 2.0 / 3, 0));
    }

    @Test
    void promtoolAcceptsTheWholeExpositionIncludingCacheMetrics() throws Exception {
        whoami.monitor(Caffeine.newBuilder().maximumSize(10).recordStats().build());
        whoami.lookupLatency(IdentityOutcome.OK, 1_000_000);
        whoami.outcome(IdentityOutcome.OK);

        Promtool.Result lint = Promtool.checkMetrics(proxyMetrics.registry().scrape());

        assertThat(lint.exitCode()).as("promtool output:\n%s", lint.output()).isZero();
        assertThat(lint.output()).as("promtool lint findings").isBlank();
    }
}

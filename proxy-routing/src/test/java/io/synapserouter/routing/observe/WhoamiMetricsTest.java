package io.synapserouter.routing.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.synapserouter.core.observe.ProxyMetrics;
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
        for (String outcome : new String[] {"hit", "miss", "coalesced"}) {
            assertThat(scrape.sum("synapse_router_whoami_cache_lookups_total", "outcome", outcome)).isZero();
        }
        for (String outcome : new String[] {"ok", "unauthorized", "error", "timeout", "breaker_open"}) {
            assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", outcome)).isZero();
        }
        assertThat(scrape.sum("synapse_router_whoami_lookup_duration_seconds_count", "outcome", "ok")).isZero();
        assertThat(scrape.has("synapse_router_whoami_lookup_duration_seconds_count", "outcome", "breaker_open")).isFalse();
    }

    @Test
    void cacheOutcomesAndWhoamiResultsLandInTheirOwnCounters() {
        for (int i = 0; i < 90; i++) {
            whoami.record(WhoamiOutcome.HIT);
        }
        for (int i = 0; i < 7; i++) {
            whoami.record(WhoamiOutcome.MISS);
        }
        whoami.record(WhoamiOutcome.COALESCED);
        whoami.record(WhoamiOutcome.COALESCED);
        whoami.record(WhoamiOutcome.COALESCED);
        for (int i = 0; i < 5; i++) {
            whoami.record(WhoamiOutcome.OK, TimeUnit.MILLISECONDS.toNanos(3));
        }
        whoami.record(WhoamiOutcome.UNAUTHORIZED, TimeUnit.MILLISECONDS.toNanos(2));
        whoami.record(WhoamiOutcome.TIMEOUT, TimeUnit.SECONDS.toNanos(2) + 1);
        whoami.record(WhoamiOutcome.BREAKER_OPEN);

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_whoami_cache_lookups_total", "outcome", "hit")).isEqualTo(90);
        assertThat(scrape.sum("synapse_router_whoami_cache_lookups_total", "outcome", "miss")).isEqualTo(7);
        assertThat(scrape.sum("synapse_router_whoami_cache_lookups_total", "outcome", "coalesced")).isEqualTo(3);
        assertThat(scrape.sum("synapse_router_whoami_cache_lookups_total")).isEqualTo(100);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "ok")).isEqualTo(5);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "unauthorized")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "timeout")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "breaker_open")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_whoami_lookups_total")).isEqualTo(8);
        String bucket = "synapse_router_whoami_lookup_duration_seconds_bucket";
        assertThat(scrape.sum(bucket, "outcome", "ok", "le", "0.002")).isZero();
        assertThat(scrape.sum(bucket, "outcome", "ok", "le", "0.005")).isEqualTo(5);
        assertThat(scrape.sum(bucket, "outcome", "timeout", "le", "2.0")).isZero();
        assertThat(scrape.sum(bucket, "outcome", "timeout", "le", "5.0")).isEqualTo(1);
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
        whoami.record(WhoamiOutcome.OK, 1_000_000);

        Promtool.Result lint = Promtool.checkMetrics(proxyMetrics.registry().scrape());

        assertThat(lint.exitCode()).as("promtool output:\n%s", lint.output()).isZero();
        assertThat(lint.output()).as("promtool lint findings").isBlank();
    }
}

package io.synapserouter.core.observe;

import io.synapserouter.testkit.prometheus.Scrape;
import static io.synapserouter.core.observe.Exchanges.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.health.HealthReason;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    private ProxyMetrics metrics;

    @BeforeEach
    void setUp() {
        metrics = new ProxyMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void tearDown() {
        metrics.close();
    }

    private Scrape scrape() {
        return new Scrape(metrics.registry().scrape());
    }

    @Test
    void requestCounterOfEachPoolReadsExactlyTheExchangesItServed() {
        for (int i = 0; i < 137; i++) {
            metrics.onExchange(exchange().pool("sync").route("sync").status(i % 10 == 0 ? 502 : 200).build());
        }
        for (int i = 0; i < 42; i++) {
            metrics.onExchange(exchange().pool("room").route("room").upstream("room-1:8084").build());
        }

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_requests_total", "pool", "sync")).isEqualTo(137);
        assertThat(scrape.sum("synapse_router_requests_total", "pool", "sync", "status", "5xx")).isEqualTo(14);
        assertThat(scrape.sum("synapse_router_requests_total", "pool", "room")).isEqualTo(42);
        assertThat(scrape.sum("synapse_router_request_duration_seconds_count", "pool", "sync")).isEqualTo(137);
        assertThat(scrape.sum("synapse_router_upstream_responses_total", "endpoint", "room-1:8084")).isEqualTo(42);
    }

    @Test
    void countsStayExactWhenEventLoopsReportConcurrently() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String pool = t % 2 == 0 ? "sync" : "client_reader";
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    metrics.onExchange(exchange().pool(pool).bytesIn(3).bytesOut(7).build());
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(worker.isAlive()).isFalse();
        }

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_requests_total", "pool", "sync")).isEqualTo(2.0 * perThread);
        assertThat(scrape.sum("synapse_router_requests_total", "pool", "client_reader")).isEqualTo(2.0 * perThread);
        assertThat(scrape.sum("synapse_router_received_bytes_total")).isEqualTo(3.0 * threads * perThread);
        assertThat(scrape.sum("synapse_router_sent_bytes_total")).isEqualTo(7.0 * threads * perThread);
    }

    @Test
    void latencyHistogramPutsALongPollInTheRightBucket() {
        metrics.onExchange(exchange().pool("sync").requestNanos(TimeUnit.SECONDS.toNanos(31)).upstreamNanos(-1).build());
        metrics.onExchange(exchange().pool("sync").requestNanos(TimeUnit.MILLISECONDS.toNanos(3)).build());

        Scrape scrape = scrape();
        String bucket = "synapse_router_request_duration_seconds_bucket";
        assertThat(scrape.sum(bucket, "pool", "sync", "le", "0.005")).isEqualTo(1);
        assertThat(scrape.sum(bucket, "pool", "sync", "le", "30.0")).isEqualTo(1);
        assertThat(scrape.sum(bucket, "pool", "sync", "le", "60.0")).isEqualTo(2);
        assertThat(scrape.sum(bucket, "pool", "sync", "le", "+Inf")).isEqualTo(2);
        assertThat(scrape.sum("synapse_router_request_duration_seconds_sum", "pool", "sync")).isBetween(31.0, 31.01);
        // Only the exchange that reached an upstream has an upstream time.
        assertThat(scrape.sum("synapse_router_upstream_duration_seconds_count", "pool", "sync")).isEqualTo(1);
    }

    @Test
    void seriesDoNotGrowWithDistinctUsersTokensClientsOrPaths() {
        feedDistinctUsers(0, 20);
        int afterFew = scrape().seriesCount();

        feedDistinctUsers(20, 10_000);
        String text = metrics.registry().scrape();
        Scrape after = new Scrape(text);

        assertThat(after.seriesCount()).isEqualTo(afterFew);
        assertThat(after.sum("synapse_router_requests_total")).isEqualTo(10_000);
        assertThat(text).doesNotContain("syt_", "@user", "access_token", "!room", "10.1.");
    }

    private void feedDistinctUsers(int from, int to) {
        for (int i = from; i < to; i++) {
            String token = "syt_dXNlcg_" + i + "_abcdef";
            metrics.onExchange(exchange()
                    .client("10.1." + (i / 250) + "." + (i % 250))
                    .target("/_matrix/client/v3/rooms/!room" + i + ":example.org/messages?access_token=" + token)
                    .userAgent("client-" + i)
                    .referer("https://app.example.org/@user" + i)
                    .route(i % 2 == 0 ? "sync" : "room")
                    .pool(i % 2 == 0 ? "sync" : "room")
                    .upstream(i % 2 == 0 ? "sync-" + (i % 3) + ":8083" : "room-" + (i % 2) + ":8084")
                    .status(i % 7 == 0 ? 404 : 200)
                    .build());
        }
    }

    @Test
    void endpointHealthGaugeFollowsAvailability() {
        Endpoint a = new Endpoint("sync", "sync-1", 8083);
        Endpoint b = new Endpoint("sync", "sync-2", 8083);
        metrics.registerPools(List.of(new UpstreamPool("sync", List.of(a, b), Balancing.CONSISTENT_HASH)));

        b.available(false);
        a.requestStarted();
        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_endpoint_up", "endpoint", "sync-1:8083")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_endpoint_up", "endpoint", "sync-2:8083")).isEqualTo(0);
        assertThat(scrape.sum("synapse_router_endpoint_outstanding_requests", "endpoint", "sync-1:8083")).isEqualTo(1);

        b.available(true);
        assertThat(scrape().sum("synapse_router_endpoint_up", "endpoint", "sync-2:8083")).isEqualTo(1);
    }

    @Test
    void reRegisteringPoolsDropsEndpointsNoLongerConfigured() {
        Endpoint old = new Endpoint("media", "media-1", 8085);
        metrics.registerPools(List.of(new UpstreamPool("media", List.of(old), Balancing.LEAST_OUTSTANDING)));
        Endpoint replacement = new Endpoint("media", "media-2", 8085);
        metrics.registerPools(List.of(new UpstreamPool("media", List.of(replacement), Balancing.LEAST_OUTSTANDING)));

        Scrape scrape = scrape();
        assertThat(scrape.has("synapse_router_endpoint_up", "endpoint", "media-1:8085")).isFalse();
        assertThat(scrape.sum("synapse_router_endpoint_up", "endpoint", "media-2:8085")).isEqualTo(1);
    }

    @Test
    void ejectionsRestorationsRetriesAndFallbacksAreCounted() {
        Endpoint e = new Endpoint("room", "room-1", 8084);
        metrics.registerPools(List.of(new UpstreamPool("room", List.of(e), Balancing.CONSISTENT_HASH)));
        assertThat(scrape().sum("synapse_router_endpoint_ejections_total", "endpoint", "room-1:8084")).isZero();

        metrics.onHealthChange(e, false, HealthReason.PASSIVE_EJECT);
        metrics.onHealthChange(e, false, HealthReason.ACTIVE_FAIL);
        metrics.onHealthChange(e, false, HealthReason.ACTIVE_FAIL);
        metrics.onHealthChange(e, true, HealthReason.RECOVERED);
        metrics.onExchange(exchange().pool("room").retried(true).build());
        metrics.onExchange(exchange().pool("room").build());
        // Routed to sync, served by main: the record itself says so, as the engine reports it.
        metrics.onExchange(exchange().pool("main").routePool("sync").build());

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_endpoint_ejections_total", "endpoint", "room-1:8084", "cause", "passive_eject")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_endpoint_ejections_total", "endpoint", "room-1:8084", "cause", "active_fail")).isEqualTo(2);
        assertThat(scrape.sum("synapse_router_endpoint_restorations_total", "endpoint", "room-1:8084")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_retries_total", "pool", "room")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_failovers_total", "pool", "room", "kind", "retry")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_failovers_total", "pool", "main", "from", "sync", "kind", "fallback")).isEqualTo(1);
    }

    @Test
    void localErrorsAreCountedByKindAndNotAsUpstreamResponses() {
        metrics.onExchange(exchange().pool(null).route(null).local(413).build());
        metrics.onExchange(exchange().pool("sync").local(503).build());
        metrics.onExchange(exchange().pool("sync").local(503).build());
        metrics.onExchange(exchange().pool("sync").local(504).build());

        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_local_errors_total", "kind", "too_large")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_local_errors_total", "kind", "unavailable")).isEqualTo(2);
        assertThat(scrape.sum("synapse_router_local_errors_total", "kind", "gateway_timeout")).isEqualTo(1);
        assertThat(scrape.sum("synapse_router_requests_total", "pool", "none", "outcome", "local_error")).isEqualTo(1);
        assertThat(scrape.has("synapse_router_upstream_responses_total")).isFalse();
        assertThat(scrape.has("synapse_router_upstream_duration_seconds_count", "pool", "sync")).isTrue();
        assertThat(scrape.sum("synapse_router_upstream_duration_seconds_count", "pool", "sync")).isZero();
    }

    @Test
    void connectionGaugesReadTheEngineWhenScraped() {
        AtomicLong client = new AtomicLong(3);
        AtomicLong upstream = new AtomicLong(5);
        AtomicLong idle = new AtomicLong(2);
        AtomicLong active = new AtomicLong(4);
        metrics.clientConnections(client::get);
        metrics.upstreamConnections(upstream::get, idle::get);
        metrics.activeRequests(active::get);
        Scrape scrape = scrape();
        assertThat(scrape.sum("synapse_router_client_connections")).isEqualTo(3);
        assertThat(scrape.sum("synapse_router_upstream_connections", "state", "busy")).isEqualTo(3);
        assertThat(scrape.sum("synapse_router_upstream_connections", "state", "idle")).isEqualTo(2);
        assertThat(scrape.sum("synapse_router_active_requests")).isEqualTo(4);

        client.set(11);
        upstream.set(1);
        idle.set(2); // read a moment apart, the two can disagree: busy never goes negative
        scrape = scrape();
        assertThat(scrape.sum("synapse_router_client_connections")).isEqualTo(11);
        assertThat(scrape.sum("synapse_router_upstream_connections", "state", "busy")).isEqualTo(0);
    }

    @Test
    void aRunawayLabelIsCappedInsteadOfMintingSeriesForever() {
        for (int i = 0; i < ProxyMetrics.MAX_VALUES_PER_LABEL + 50; i++) {
            metrics.onExchange(exchange().route("rule-" + i).build());
        }
        long routes = scrape().samples().stream()
                .filter(s -> s.name().equals("synapse_router_requests_total"))
                .map(s -> s.labels().get("route"))
                .distinct().count();
        assertThat(routes).isEqualTo(ProxyMetrics.MAX_VALUES_PER_LABEL);
    }

    @Test
    void systemBindersExposeJvmProcessAndAllocatorMetrics() {
        try (ProxyMetrics full = ProxyMetrics.create()) {
            String text = full.registry().scrape();
            assertThat(text).contains("jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "process_uptime_seconds",
                    "process_files_open_files", "jvm_threads_live_threads", "netty_allocator_memory_used");
        }
    }
}

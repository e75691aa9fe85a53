package io.synapserouter.routing.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.channel.EventLoopGroup;
import io.synapserouter.core.admin.AdminServer;
import io.synapserouter.core.admin.ReadinessState;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.observe.ProxyMetrics;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server scrapes the admin listener: the target is up, and the request, endpoint
 * health and whoami series arrive with the values the router recorded.
 */
class PrometheusScrapeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void prometheusScrapesRequestHealthAndWhoamiSeriesFromTheAdminListener() throws Exception {
        PrometheusServer.executable(); // fail at once, not after setup, when the package is missing
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, r -> new Thread(r, "prom-admin"));
        try (ProxyMetrics metrics = ProxyMetrics.create()) {
            Endpoint syncUp = new Endpoint("sync", "sync-1", 8083);
            Endpoint syncDown = new Endpoint("sync", "sync-2", 8083);
            syncDown.available(false);
            Endpoint main = new Endpoint("main", "synapse", 8008);
            metrics.registerPools(List.of(
                    new UpstreamPool("sync", List.of(syncUp, syncDown), Balancing.CONSISTENT_HASH),
                    new UpstreamPool("main", List.of(main), Balancing.ROUND_ROBIN)));
            WhoamiMetrics whoami = new WhoamiMetrics(metrics.registry());
            Cache<String, String> cache = whoami.monitor(Caffeine.newBuilder().maximumSize(100).recordStats().<String, String>build());
            cache.put("k", "v");
            cache.getIfPresent("k");
            for (int i = 0; i < 40; i++) {
                whoami.record(WhoamiOutcome.HIT);
            }
            for (int i = 0; i < 5; i++) {
                whoami.record(WhoamiOutcome.MISS);
                whoami.record(WhoamiOutcome.OK, TimeUnit.MILLISECONDS.toNanos(4));
            }
            feed(metrics, "sync", 250);
            feed(metrics, "main", 30);

            ReadinessState readiness = new ReadinessState(main::available);
            readiness.markLoaded();
            AdminServer admin = AdminServer.builder(group, transport, new InetSocketAddress("127.0.0.1", 0))
                    .metrics(metrics.registry()).readiness(readiness).build();
            try {
                InetSocketAddress address = admin.start();
                String target = "127.0.0.1:" + address.getPort();
                try (PrometheusServer prometheus = PrometheusServer.start(target, WAIT)) {
                    JsonNode active = eventually(prometheus, () -> {
                        JsonNode targets = prometheus.targets().get("data").get("activeTargets");
                        return targets.size() == 1 && "up".equals(targets.get(0).get("health").asText()) ? targets.get(0) : null;
                    });
                    assertThat(active.get("scrapeUrl").asText()).isEqualTo("http://" + target + "/metrics");
                    assertThat(active.get("lastError").asText()).isEmpty();
                    assertThat(prometheus.scalar("up{job=\"synapse_router\"}")).isEqualTo(1);

                    assertThat(prometheus.scalar("sum(synapse_router_requests_total{pool=\"sync\"})")).isEqualTo(250);
                    assertThat(prometheus.scalar("sum(synapse_router_requests_total{pool=\"main\"})")).isEqualTo(30);
                    assertThat(prometheus.scalar("synapse_router_endpoint_up{endpoint=\"sync-1:8083\"}")).isEqualTo(1);
                    assertThat(prometheus.scalar("synapse_router_endpoint_up{endpoint=\"sync-2:8083\"}")).isEqualTo(0);
                    assertThat(prometheus.scalar("synapse_router_whoami_cache_lookups_total{outcome=\"hit\"}")).isEqualTo(40);
                    assertThat(prometheus.scalar("synapse_router_whoami_lookups_total{outcome=\"ok\"}")).isEqualTo(5);
                    assertThat(prometheus.scalar("synapse_router_whoami_lookup_duration_seconds_count{outcome=\"ok\"}")).isEqualTo(5);
                    assertThat(prometheus.scalar("cache_gets_total{cache=\"whoami\",result=\"hit\"}")).isEqualTo(1);
                    double p99 = prometheus.scalar("histogram_quantile(0.99, sum by (le) "
                            + "(synapse_router_request_duration_seconds_bucket{pool=\"sync\"}))");
                    assertThat(p99).isBetween(0.01, 0.025);

                    // Live: new traffic and a health change show up on later scrapes.
                    feed(metrics, "sync", 17);
                    syncDown.available(true);
                    eventually(prometheus, () ->
                            prometheus.scalar("sum(synapse_router_requests_total{pool=\"sync\"})") == 267
                                    && prometheus.scalar("synapse_router_endpoint_up{endpoint=\"sync-2:8083\"}") == 1 ? true : null);
                }
            } finally {
                admin.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** Each exchange took 20 ms, so the p99 lies in the 10–25 ms bucket. */
    private static void feed(ProxyMetrics metrics, String pool, int count) {
        for (int i = 0; i < count; i++) {
            metrics.onExchange(new ExchangeRecord("client", "203.0.113." + (i % 250), "GET",
                    "/_matrix/client/v3/sync?access_token=syt_user" + i, "HTTP/1.1", "matrix.example.org", "ua", null, 200,
                    pool, pool, pool + "-1:8083", 200, 0, 100, System.currentTimeMillis(), 20_000_000, 19_000_000, false,
                    ExchangeRecord.Outcome.PROXIED));
        }
    }

    private static <T> T eventually(PrometheusServer prometheus, Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = check.call();
                if (value != null) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + WAIT + "; targets: " + prometheus.get("/api/v1/targets").body()
                + "\nprometheus log:\n" + prometheus.log(), last);
    }
}

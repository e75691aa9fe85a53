package io.synapserouter.routing.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.synapserouter.routing.identity.IdentityOutcome;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server scrapes the admin listener: the target is up, the request, endpoint
 * health and whoami series arrive with the values the router recorded, and every query of the
 * Grafana dashboard is valid PromQL over them.
 */
class PrometheusScrapeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path DASHBOARD = Path.of("..", "config", "grafana", "synapse-router.json");

    private static EventLoopGroup group;
    private static ProxyMetrics metrics;
    private static AdminServer admin;
    private static PrometheusServer prometheus;
    private static String target;
    private static Endpoint syncDown;
    /** Held here because the cache meters hold the cache weakly, as the identity resolver will. */
    private static Cache<String, String> cache;

    @BeforeAll
    static void startRouterMetricsAndPrometheus() throws Exception {
        PrometheusServer.executable(); // fail at once, not after setup, when the package is missing
        Transport transport = Transport.best();
        group = transport.newGroup(1, r -> new Thread(r, "prom-admin"));
        metrics = ProxyMetrics.create();
        Endpoint syncUp = new Endpoint("sync", "sync-1", 8083);
        syncDown = new Endpoint("sync", "sync-2", 8083);
        syncDown.available(false);
        Endpoint main = new Endpoint("main", "synapse", 8008);
        metrics.registerPools(List.of(
                new UpstreamPool("sync", List.of(syncUp, syncDown), Balancing.CONSISTENT_HASH),
                new UpstreamPool("main", List.of(main), Balancing.ROUND_ROBIN)));
        metrics.clientConnections(() -> 7);
        metrics.upstreamConnections(() -> 2, () -> 1);
        metrics.activeRequests(() -> 1);
        WhoamiMetrics whoami = new WhoamiMetrics(metrics.registry());
        cache = whoami.monitor(Caffeine.newBuilder().maximumSize(100).recordStats().<String, String>build());
        cache.put("k", "v");
        cache.getIfPresent("k");
        for (int i = 0; i < 40; i++) {
            whoami.outcome(IdentityOutcome.HIT);
        }
        for (int i = 0; i < 5; i++) {
            whoami.outcome(IdentityOutcome.MISS);
            whoami.lookupLatency(IdentityOutcome.OK, TimeUnit.MILLISECONDS.toNanos(4));
            whoami.outcome(IdentityOutcome.OK);
        }
        feed("sync", 250);
        feed("main", 30);

        ReadinessState readiness = new ReadinessState(main::available);
        readiness.markLoaded();
        admin = AdminServer.builder(group, transport, new InetSocketAddress("127.0.0.1", 0))
                .metrics(metrics.registry()).readiness(readiness).build();
        target = "127.0.0.1:" + admin.start().getPort();
        prometheus = PrometheusServer.start(target, WAIT);
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (admin != null) {
                admin.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void prometheusSeesTheTargetUpWithTheRequestHealthAndWhoamiValuesRecorded() throws Exception {
        JsonNode active = eventually(() -> {
            JsonNode targets = prometheus.targets().get("data").get("activeTargets");
            return targets.size() == 1 && "up".equals(targets.get(0).get("health").asText()) ? targets.get(0) : null;
        });
        assertThat(active.get("scrapeUrl").asText()).isEqualTo("http://" + target + "/metrics");
        assertThat(active.get("lastError").asText()).isEmpty();
        assertThat(prometheus.scalar("up{job=\"synapse_router\"}")).isEqualTo(1);

        assertThat(prometheus.scalar("sum(synapse_router_requests_total{pool=\"sync\"})")).isEqualTo(250);
        assertThat(prometheus.scalar("sum(synapse_router_requests_total{pool=\"main\"})")).isEqualTo(30);
        assertThat(prometheus.scalar("synapse_router_endpoint_up{endpoint=\"sync-1:8083\"}")).isEqualTo(1);
        assertThat(prometheus.scalar("synapse_router_endpoint_up{endpoint=\"synapse:8008\"}")).isEqualTo(1);
        assertThat(prometheus.scalar("synapse_router_whoami_requests_total{outcome=\"hit\"}")).isEqualTo(40);
        assertThat(prometheus.scalar("synapse_router_whoami_lookups_total{outcome=\"ok\"}")).isEqualTo(5);
        assertThat(prometheus.scalar("synapse_router_whoami_lookup_duration_seconds_count{outcome=\"ok\"}")).isEqualTo(5);
        assertThat(prometheus.scalar("cache_gets_total{cache=\"whoami\",result=\"hit\"}")).isEqualTo(1);
        double p99 = prometheus.scalar("histogram_quantile(0.99, sum by (le) "
                + "(synapse_router_request_duration_seconds_bucket{pool=\"sync\"}))");
        assertThat(p99).isBetween(0.01, 0.025);

        // Live: new traffic and a health change show up on later scrapes.
        boolean wasDown = prometheus.scalar("synapse_router_endpoint_up{endpoint=\"sync-2:8083\"}") == 0;
        feed("sync", 17);
        syncDown.available(true);
        eventually(() -> prometheus.scalar("sum(synapse_router_requests_total{pool=\"sync\"})") == 267
                && prometheus.scalar("synapse_router_endpoint_up{endpoint=\"sync-2:8083\"}") == 1 ? true : null);
        assertThat(wasDown).as("sync-2 was reported down before it came back").isTrue();
    }

    @Test
    void everyDashboardQueryIsValidPromQlAndTheKeyPanelsHaveData() throws Exception {
        eventually(() -> prometheus.scalar("up{job=\"synapse_router\"}") == 1 ? true : null);
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> exprs = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.has("gridPos")).isTrue();
            for (JsonNode t : panel.path("targets")) {
                exprs.add(t.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("type").asText().equals("query")) {
                String definition = variable.get("definition").asText(); // label_values(<selector>, <label>)
                String selector = definition.substring("label_values(".length(), definition.lastIndexOf(','));
                exprs.add("count(" + selector + ")");
            }
        }
        assertThat(exprs).hasSizeGreaterThan(30);

        List<String> empty = new ArrayList<>();
        for (String expr : exprs) {
            String query = expr.replace("$__rate_interval", "1m").replace("$__interval", "1m")
                    .replace("$job", ".*").replace("$listener", ".*").replace("$pool", ".*");
            if (prometheus.query(query).size() == 0) {
                empty.add(expr); // valid (query() fails on a bad expression), but no data yet
            }
        }
        // Rates need two scrapes with a change and some series only exist under failures, but the
        // panels that show recorded state must have data at once.
        for (String key : List.of("synapse_router_endpoint_up{", "synapse_router_client_connections{",
                "cache_size{", "jvm_memory_used_bytes{", "process_files_open_files{")) {
            assertThat(empty).as("queries without data").noneMatch(e -> e.contains(key));
        }
    }

    /** Each exchange took 20 ms, so the p99 lies in the 10–25 ms bucket. */
    private static void feed(String pool, int count) {
        for (int i = 0; i < count; i++) {
            metrics.onExchange(new ExchangeRecord("client", "203.0.113." + (i % 250), "GET",
                    "/_matrix/client/v3/sync?access_token=syt_user" + i, "HTTP/1.1", "matrix.example.org", "ua", null, 200,
                    pool, pool, pool + "-1:8083", 200, 0, 100, System.currentTimeMillis(), 20_000_000, 19_000_000, false,
                    ExchangeRecord.Outcome.PROXIED));
        }
    }

    private static <T> T eventually(Callable<T> check) throws Exception {
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

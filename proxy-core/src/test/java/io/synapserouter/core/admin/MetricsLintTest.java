package io.synapserouter.core.admin;

import io.synapserouter.testkit.prometheus.Promtool;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.health.HealthReason;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.observe.ProxyMetrics;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code promtool check metrics} accepts what {@code /metrics} serves while traffic is being recorded. */
class MetricsLintTest {

    private static final String[] POOLS = {"main", "sync", "room", "client_reader", "media_repository"};

    @Test
    void promtoolAcceptsMetricsScrapedUnderLoad() throws Exception {
        Promtool.executable(); // fail fast, before any load, when promtool is missing
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, r -> new Thread(r, "lint-admin"));
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        AtomicLong fed = new AtomicLong();
        try (ProxyMetrics metrics = ProxyMetrics.create()) {
            List<UpstreamPool> pools = new ArrayList<>();
            for (String pool : POOLS) {
                pools.add(new UpstreamPool(pool, List.of(new Endpoint(pool, pool + "-1", 8080), new Endpoint(pool, pool + "-2", 8080)),
                        Balancing.LEAST_OUTSTANDING));
            }
            metrics.registerPools(pools);
            metrics.clientConnections(() -> 12);
            metrics.upstreamConnections(() -> 4, () -> 1);
            metrics.activeRequests(() -> 9);
            metrics.onHealthChange(pools.get(1).endpoints().get(0), false, HealthReason.PASSIVE_EJECT);
            metrics.onFallback("sync", "main");
            AdminServer admin = AdminServer.builder(group, transport, new InetSocketAddress("127.0.0.1", 0))
                    .metrics(metrics.registry()).build();
            try {
                InetSocketAddress address = admin.start();
                for (int t = 0; t < 2; t++) {
                    int seed = t;
                    Thread thread = new Thread(() -> feed(metrics, seed, running, fed), "lint-load-" + t);
                    thread.start();
                    load.add(thread);
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
                HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                        .timeout(Duration.ofSeconds(20)).build();
                for (int round = 0; round < 3; round++) {
                    long before = fed.get();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (fed.get() < before + 2_000 && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).contains("synapse_router_requests_total", "synapse_router_endpoint_up",
                            "jvm_memory_used_bytes");

                    Promtool.Result lint = Promtool.checkMetrics(response.body());

                    assertThat(lint.exitCode()).as("promtool output:\n%s", lint.output()).isZero();
                    assertThat(lint.output()).as("promtool lint findings").isBlank();
                }
                assertThat(fed.get()).isGreaterThan(6_000);
            } finally {
                running.set(false);
                for (Thread thread : load) {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
                admin.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static void feed(ProxyMetrics metrics, int seed, AtomicBoolean running, AtomicLong fed) {
        int[] statuses = {200, 200, 200, 204, 304, 401, 404, 429, 500, 502};
        long i = seed;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (running.get() && System.nanoTime() < deadline) {
            String pool = POOLS[(int) (i % POOLS.length)];
            int status = statuses[(int) (i % statuses.length)];
            boolean local = status == 502 && i % 3 == 0;
            metrics.onExchange(new ExchangeRecord(i % 4 == 0 ? "federation" : "client", "10.0.0." + (i % 200), "GET",
                    "/_matrix/client/v3/x?access_token=t" + i, "HTTP/1.1", "h", "ua" + i, null, status, pool, pool,
                    local ? null : pool + "-" + (1 + i % 2) + ":8080", local ? 0 : status, i % 100, 1000 + i % 5000,
                    System.currentTimeMillis(), (i % 1000) * 1_000_000L, local ? -1 : (i % 900) * 1_000_000L, i % 50 == 0,
                    local ? ExchangeRecord.Outcome.LOCAL_ERROR : ExchangeRecord.Outcome.PROXIED));
            fed.incrementAndGet();
            i += 2;
            if (i % 512 == 0) {
                Thread.yield();
            }
        }
    }
}

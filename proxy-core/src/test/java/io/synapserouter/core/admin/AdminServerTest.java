package io.synapserouter.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.observe.ProxyMetrics;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Transport transport = Transport.best();
    private EventLoopGroup group;
    private ProxyMetrics metrics;
    private AdminServer admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @BeforeEach
    void setUp() {
        group = transport.newGroup(1, r -> new Thread(r, "admin-test"));
        metrics = new ProxyMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (admin != null) {
            admin.close();
        }
        metrics.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }

    private InetSocketAddress start(AdminServer.Builder builder) {
        admin = builder.build();
        return admin.start();
    }

    private AdminServer.Builder builder() {
        return AdminServer.builder(group, transport, new InetSocketAddress("127.0.0.1", 0)).metrics(metrics.registry());
    }

    private HttpResponse<String> get(InetSocketAddress address, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ExchangeRecord served(String pool) {
        return new ExchangeRecord("client", "192.0.2.1", "GET", "/_matrix/client/v3/sync", "HTTP/1.1", "h", "ua", null,
                200, pool, pool, pool + "-1:8083", 200, 0, 10, System.currentTimeMillis(), 1_000_000, 900_000, false,
                ExchangeRecord.Outcome.PROXIED);
    }

    @Test
    void metricsDefaultToPrometheusText004() throws Exception {
        metrics.onExchange(served("sync"));
        InetSocketAddress address = start(builder());

        HttpResponse<String> response = get(address, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE synapse_router_requests_total counter")
                .contains("synapse_router_requests_total{listener=\"client\",outcome=\"proxied\",pool=\"sync\",route=\"sync\",status=\"2xx\"} 1.0")
                .doesNotContain("# EOF");
    }

    @Test
    void metricsAreOpenMetricsWhenTheScraperAsksForThem() throws Exception {
        metrics.onExchange(served("sync"));
        InetSocketAddress address = start(builder());
        // What Prometheus 2.x sends by default.
        String prometheusAccept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

        HttpResponse<String> response = get(address, "/metrics", "Accept", prometheusAccept);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.body()).contains("# TYPE synapse_router_requests counter").endsWith("# EOF\n");
    }

    @Test
    void textIsKeptWhenTheScraperPrefersIt() throws Exception {
        InetSocketAddress address = start(builder());
        HttpResponse<String> response = get(address, "/metrics", "Accept",
                "text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void healthAnswersOkWhileTheEventLoopsRun() throws Exception {
        InetSocketAddress address = start(builder());
        HttpResponse<String> response = get(address, "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OK");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void healthFailsWhileAWatchedEventLoopIsStuckAndRecoversAfterwards() throws Exception {
        EventLoopGroup proxyLoops = transport.newGroup(1, r -> new Thread(r, "watched-loop"));
        CountDownLatch release = new CountDownLatch(1);
        try {
            InetSocketAddress address = start(builder().watch(proxyLoops).livenessLimit(Duration.ofMillis(300)));
            assertThat(get(address, "/health").statusCode()).isEqualTo(200);

            CountDownLatch blocked = new CountDownLatch(1);
            proxyLoops.execute(() -> {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // deliberately blocks the loop
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> stuck = awaitStatus(address, "/health", 503, Duration.ofSeconds(15));
            assertThat(stuck.body()).startsWith("event loop 1 has not run a task for");

            release.countDown();
            awaitStatus(address, "/health", 200, Duration.ofSeconds(15));
        } finally {
            release.countDown();
            proxyLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> awaitStatus(InetSocketAddress address, String path, int status, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> last;
        do {
            last = get(address, path);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " stayed " + last.statusCode() + " (" + last.body() + ") instead of " + status);
    }

    @Test
    void readyTurns503WhenDrainingStarts() throws Exception {
        AtomicBoolean mainUp = new AtomicBoolean(true);
        ReadinessState readiness = new ReadinessState(mainUp::get);
        InetSocketAddress address = start(builder().readiness(readiness));

        HttpResponse<String> starting = get(address, "/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("{\"status\":\"starting\"}");

        readiness.markLoaded();
        HttpResponse<String> ready = get(address, "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");

        mainUp.set(false);
        assertThat(get(address, "/ready").body()).isEqualTo("{\"status\":\"upstream_unreachable\"}");
        mainUp.set(true);
        assertThat(get(address, "/ready").statusCode()).isEqualTo(200);

        readiness.startDraining();
        HttpResponse<String> draining = get(address, "/ready");
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.body()).isEqualTo("{\"status\":\"draining\"}");
        // Liveness is unaffected: a draining process is alive.
        assertThat(get(address, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void statusRendersPoolsEndpointsAndExtrasAsJson() throws Exception {
        Endpoint up = new Endpoint("sync", "sync-1", 8083);
        Endpoint down = new Endpoint("sync", "sync-2", 8083);
        down.available(false);
        up.requestStarted();
        List<UpstreamPool> pools = List.of(new UpstreamPool("sync", List.of(up, down), Balancing.CONSISTENT_HASH));
        InetSocketAddress address = start(builder().status(() -> Map.of(
                "pools", PoolStatus.of(pools),
                "whoami_cache", Map.of("size", 3, "hit_ratio", 0.5))));

        HttpResponse<String> response = get(address, "/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode pool = new ObjectMapper().readTree(response.body()).get("pools").get(0);
        assertThat(pool.get("name").asText()).isEqualTo("sync");
        assertThat(pool.get("balancing").asText()).isEqualTo("consistent_hash");
        assertThat(pool.get("available").asInt()).isEqualTo(1);
        int ringSize = ((io.synapserouter.core.balance.ConsistentHashBalancer) pools.get(0).balancer()).ring().size();
        assertThat(ringSize).isPositive();
        assertThat(pool.get("ring_size").asInt()).isEqualTo(ringSize);
        assertThat(pool.get("endpoints").get(0).get("id").asText()).isEqualTo("sync-1:8083");
        assertThat(pool.get("endpoints").get(0).get("outstanding").asInt()).isEqualTo(1);
        assertThat(pool.get("endpoints").get(1).get("available").asBoolean()).isFalse();
        assertThat(new ObjectMapper().readTree(response.body()).get("whoami_cache").get("size").asInt()).isEqualTo(3);
    }

    @Test
    void aFailingStatusProviderGives500WithoutDetails() throws Exception {
        InetSocketAddress address = start(builder().status(() -> {
            throw new IllegalStateException("syt_secret_token");
        }));
        HttpResponse<String> response = get(address, "/status");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"status unavailable\"}");
    }

    @Test
    void unknownPathsAre404JsonAndOtherMethods405() throws Exception {
        InetSocketAddress address = start(builder());

        HttpResponse<String> missing = get(address, "/metrics/extra");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(new ObjectMapper().readTree(missing.body()).get("error").asText()).isEqualTo("no such admin endpoint");

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/ready"))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void queryStringsAreIgnoredWhenMatchingPaths() throws Exception {
        InetSocketAddress address = start(builder());
        assertThat(get(address, "/health?probe=k8s").statusCode()).isEqualTo(200);
    }

    @Test
    void headAnswersHeadersOnlyAndKeepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        InetSocketAddress address = start(builder());
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD /health HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII);

            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            int second = all.indexOf("HTTP/1.1 200 OK", 1);
            String headResponse = all.substring(0, second);
            assertThat(headResponse).contains("content-length: 2").endsWith("\r\n\r\n");
            assertThat(all.substring(second)).contains("connection: close").endsWith("\r\n\r\nOK");
        }
    }

    private static byte[] readAll(InputStream in) throws Exception {
        return in.readAllBytes();
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() {
        InetSocketAddress address = start(builder());
        AdminServer second = AdminServer.builder(group, transport, address).metrics(metrics.registry()).build();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot bind the admin listener to 127.0.0.1:" + address.getPort());
        } finally {
            second.close();
        }
    }
}

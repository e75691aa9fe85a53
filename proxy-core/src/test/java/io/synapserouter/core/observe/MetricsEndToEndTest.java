package io.synapserouter.core.observe;

import io.synapserouter.testkit.prometheus.Scrape;
import io.synapserouter.testkit.prometheus.Promtool;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.synapserouter.core.admin.AdminServer;
import io.synapserouter.core.admin.ReadinessState;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.server.ProxyServer;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Real sockets end to end: clients → {@link ProxyServer} → stand-in Synapse processes, with the
 * metrics and the access log listening and the admin listener serving what they recorded.
 */
class MetricsEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SYNC_REQUESTS = 60;
    private static final int MAIN_REQUESTS = 25;

    @Test
    void countersAndTheAccessLogAgreeWithTheTrafficThatWentThroughTheProxy() throws Exception {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(2, r -> new Thread(r, "e2e-io"));
        Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        CapturedLogger captured = CapturedLogger.capture(accessLogger, lines);
        ProxyServer server = null;
        AdminServer admin = null;
        try (SynapseStandin synapse = new SynapseStandin(); ProxyMetrics metrics = ProxyMetrics.create()) {
            UpstreamPool main = pool("main", List.of(synapse.main()));
            UpstreamPool sync = pool("sync", synapse.workers("sync", 2));
            metrics.registerPools(List.of(main, sync));
            Router router = head -> CompletableFuture.completedFuture(head.rawPath().endsWith("/sync")
                    ? new Route("sync", sync, null, main)
                    : new Route("main", main, null, null));
            server = ProxyServer.builder()
                    .settings(new ProxySettings(List.of(new ListenerSettings("client", "127.0.0.1", 0, 1 << 20)),
                            List.of(), TimeoutSettings.DEFAULTS, LimitSettings.DEFAULTS, Duration.ofSeconds(5),
                            Duration.ofSeconds(5), false, "http", 2))
                    .router(router)
                    .eventLoopGroup(group, transport)
                    .exchangeListener(metrics)
                    .exchangeListener(new AccessLog(AccessLogFormat.JSON, Set.of("access_token")))
                    .build();
            server.start();
            ProxyServer proxy = server;
            metrics.clientConnections(() -> proxy.connectionStats().clientConnections());
            metrics.upstreamConnections(() -> proxy.connectionStats().upstreamConnections(),
                    () -> proxy.connectionStats().idleUpstreamConnections());
            metrics.activeRequests(() -> proxy.connectionStats().activeExchanges());
            ReadinessState readiness = new ReadinessState(() -> main.endpoints().get(0).available());
            readiness.markLoaded();
            admin = AdminServer.builder(group, transport, new InetSocketAddress("127.0.0.1", 0))
                    .metrics(metrics.registry()).readiness(readiness).build();
            InetSocketAddress adminAddress = admin.start();

            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            String base = "http://127.0.0.1:" + server.port("client");
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < SYNC_REQUESTS; i++) {
                inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base
                                + "/_matrix/client/v3/sync?timeout=0&access_token=syt_secret_" + i)).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            String midLoad = get(http, adminAddress, "/metrics").body();
            for (int i = 0; i < MAIN_REQUESTS; i++) {
                inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/_matrix/client/versions"))
                        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertThat(response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }

            // Records are reported when an exchange ends, a moment after the client has its answer.
            Scrape scrape = awaitScrape(http, adminAddress, s -> s.sum("synapse_router_requests_total") >= SYNC_REQUESTS + MAIN_REQUESTS);
            assertThat(scrape.sum("synapse_router_requests_total", "pool", "sync", "status", "2xx")).isEqualTo(SYNC_REQUESTS);
            assertThat(scrape.sum("synapse_router_requests_total", "pool", "main", "status", "2xx")).isEqualTo(MAIN_REQUESTS);
            assertThat(scrape.sum("synapse_router_upstream_responses_total", "pool", "sync")).isEqualTo(SYNC_REQUESTS);
            assertThat(scrape.sum("synapse_router_request_duration_seconds_count", "pool", "sync")).isEqualTo(SYNC_REQUESTS);
            assertThat(scrape.sum("synapse_router_upstream_duration_seconds_count", "pool", "sync")).isEqualTo(SYNC_REQUESTS);
            assertThat(scrape.sum("synapse_router_sent_bytes_total", "pool", "sync")).isPositive();
            assertThat(scrape.sum("synapse_router_endpoint_up", "pool", "sync")).isEqualTo(2);
            assertThat(scrape.sum("synapse_router_client_connections")).isGreaterThanOrEqualTo(0);
            for (StandinProcess worker : List.of(synapse.process("sync-1"), synapse.process("sync-2"))) {
                assertThat(scrape.sum("synapse_router_upstream_responses_total", "endpoint", "127.0.0.1:" + worker.address().getPort()))
                        .isEqualTo(worker.requests());
            }
            assertThat(get(http, adminAddress, "/ready").statusCode()).isEqualTo(200);

            assertThat(lines.list).hasSize(SYNC_REQUESTS + MAIN_REQUESTS);
            assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("syt_secret"));
            assertThat(midLoad).doesNotContain("syt_secret");
            Promtool.Result lint = Promtool.checkMetrics(midLoad);
            assertThat(lint.exitCode()).as("promtool output:\n%s", lint.output()).isZero();
            assertThat(lint.output()).as("promtool lint findings").isBlank();
        } finally {
            captured.restore();
            if (admin != null) {
                admin.close();
            }
            if (server != null) {
                server.shutdown(Duration.ofSeconds(5)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static UpstreamPool pool(String name, List<StandinProcess> processes) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (StandinProcess p : processes) {
            Endpoint e = new Endpoint(name, "127.0.0.1", p.address().getPort());
            e.address(p.address());
            endpoints.add(e);
        }
        return new UpstreamPool(name, endpoints, Balancing.LEAST_OUTSTANDING);
    }

    private static HttpResponse<String> get(HttpClient http, InetSocketAddress admin, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape awaitScrape(HttpClient http, InetSocketAddress admin, java.util.function.Predicate<Scrape> done)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Scrape scrape;
        do {
            scrape = new Scrape(get(http, admin, "/metrics").body());
            if (done.test(scrape)) {
                return scrape;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return scrape;
    }
}

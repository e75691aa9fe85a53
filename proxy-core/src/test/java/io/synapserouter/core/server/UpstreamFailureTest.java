package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.observe.ExchangeRecord.Outcome;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused and reset upstreams, the retry rules, and what the router may do wrong. */
class UpstreamFailureTest {

    private static TestBackend first;
    private static TestBackend second;

    @BeforeAll
    static void start() {
        first = TestBackend.start("first");
        second = TestBackend.start("second");
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    @BeforeEach
    void reset() {
        first.resetEverything = false;
        second.resetEverything = false;
    }

    @Test
    void refusedUpstreamGets502AndIsReported() throws Exception {
        int refused = TestProxy.refusedPort();
        try (TestProxy proxy = TestProxy.builder().backend(refused).start();
             RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.get("/refused");
            assertThat(response.status).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"error\":\"Upstream unavailable\"}");
            assertThat(client.get("/again").status).as("the client connection survives a 502").isEqualTo(502);
            ExchangeRecord record = proxy.recordFor("/refused");
            assertThat(record.outcome()).isEqualTo(Outcome.LOCAL_ERROR);
            assertThat(record.upstream()).isEqualTo("127.0.0.1:" + refused);
            assertThat(record.retried()).isFalse();
            assertThat(proxy.failures).contains(proxy.endpoint(0));
            assertThat(proxy.endpoint(0).outstanding()).isZero();
        }
    }

    @Test
    void getIsRetriedOnceOnAnotherEndpointAfterRefusal() throws Exception {
        int refused = TestProxy.refusedPort();
        try (TestProxy proxy = TestProxy.builder().backend(refused).backend(first.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            Endpoint good = proxy.endpoint(1);
            good.requestStarted(); // make least-outstanding pick the refused endpoint first
            try {
                RawClient.Response response = client.get("/download?bytes=5&seed=3");
                assertThat(response.status).isEqualTo(200);
                assertThat(response.header("x-backend")).isEqualTo("first");
            } finally {
                good.requestFinished();
            }
            ExchangeRecord record = proxy.recordFor("/download?bytes=5&seed=3");
            assertThat(record.retried()).isTrue();
            assertThat(record.upstream()).isEqualTo("127.0.0.1:" + first.port());
            assertThat(proxy.failures).containsExactly(proxy.endpoint(0));
            assertThat(proxy.endpoint(0).outstanding()).isZero();
            assertThat(good.outstanding()).isZero();
        }
    }

    @Test
    void postIsRetriedAfterRefusalBecauseNothingWasSent() throws Exception {
        int refused = TestProxy.refusedPort();
        try (TestProxy proxy = TestProxy.builder().backend(refused).backend(first.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            Endpoint good = proxy.endpoint(1);
            good.requestStarted();
            try {
                client.send("POST /upload?refused-first HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
                RawClient.Response response = client.read(false);
                assertThat(response.status).isEqualTo(200);
                assertThat(response.body()).startsWith("bytes=5 ");
            } finally {
                good.requestFinished();
            }
            assertThat(proxy.recordFor("/upload?refused-first").retried()).isTrue();
        }
    }

    @Test
    void idempotentRequestResetBeforeAnyAnswerIsRetriedElsewhere() throws Exception {
        first.resetEverything = true;
        try (TestProxy proxy = TestProxy.builder().backend(first.port()).backend(second.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            Endpoint other = proxy.endpoint(1);
            other.requestStarted();
            try {
                RawClient.Response response = client.get("/download?bytes=1&reset-first");
                assertThat(response.status).isEqualTo(200);
                assertThat(response.header("x-backend")).isEqualTo("second");
            } finally {
                other.requestFinished();
            }
            assertThat(proxy.recordFor("/download?bytes=1&reset-first").retried()).isTrue();
            assertThat(proxy.failures).containsExactly(proxy.endpoint(0));
        }
    }

    @Test
    void nonIdempotentRequestResetBeforeAnyAnswerIsNotRetried() throws Exception {
        first.resetEverything = true;
        int secondBefore = second.requests.get();
        try (TestProxy proxy = TestProxy.builder().backend(first.port()).backend(second.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            Endpoint other = proxy.endpoint(1);
            other.requestStarted();
            try {
                client.send("POST /upload?reset HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
                assertThat(client.read(false).status).isEqualTo(502);
            } finally {
                other.requestFinished();
            }
            assertThat(second.requests.get()).as("the POST may have been processed: never replayed").isEqualTo(secondBefore);
            ExchangeRecord record = proxy.recordFor("/upload?reset");
            assertThat(record.retried()).isFalse();
            assertThat(record.outcome()).isEqualTo(Outcome.LOCAL_ERROR);
        }
    }

    @Test
    void requestFailingAfterItsBodyWasSentGets502WithoutRetry() throws Exception {
        int before = first.requests.get() + second.requests.get();
        try (TestProxy proxy = TestProxy.builder().backend(first.port()).backend(second.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            int size = 256 * 1024;
            client.send("PUT /reset-after-body HTTP/1.1\r\nHost: h\r\nContent-Length: " + size + "\r\n\r\n");
            byte[] body = new byte[size];
            try {
                client.send(body, 0, size).flush();
            } catch (java.io.IOException ignored) {
                // the proxy may give up on the body early
            }
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(502);
            assertThat(first.requests.get() + second.requests.get() - before).as("exactly one attempt").isEqualTo(1);
            assertThat(proxy.recordFor("/reset-after-body").retried()).isFalse();
        }
    }

    @Test
    void noAvailableEndpointGets503() throws Exception {
        try (TestProxy proxy = TestProxy.builder().backend(first.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            proxy.endpoint(0).available(false);
            assertThat(client.get("/nothing-available").status).isEqualTo(503);
            ExchangeRecord record = proxy.recordFor("/nothing-available");
            assertThat(record.pool()).isEqualTo("test-pool");
            assertThat(record.upstream()).isNull();
            assertThat(record.route()).isEqualTo("test-route");
        }
    }

    @Test
    void aDecisionGivenAsAMinimalCompletedStageIsProxied() throws Exception {
        Endpoint main = new Endpoint("main", "127.0.0.1", first.port());
        main.address(new java.net.InetSocketAddress("127.0.0.1", first.port()));
        UpstreamPool mainPool = new UpstreamPool("main", List.of(main), Balancing.LEAST_OUTSTANDING);
        // completedStage's isDone() throws: the engine must still read it without a thread hop or a 502.
        try (TestProxy proxy = TestProxy.builder()
                .router(head -> CompletableFuture.completedStage(new Route("r", mainPool, null, null))).start();
             RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/download?bytes=1&minimal").status).isEqualTo(200);
        }
    }

    @Test
    void fallbackPoolServesWhenTheRoutePoolHasNoEndpoint() throws Exception {
        Endpoint main = new Endpoint("main", "127.0.0.1", first.port());
        main.address(new java.net.InetSocketAddress("127.0.0.1", first.port()));
        UpstreamPool mainPool = new UpstreamPool("main", List.of(main), Balancing.LEAST_OUTSTANDING);
        UpstreamPool empty = new UpstreamPool("workers", List.of(), Balancing.LEAST_OUTSTANDING);
        try (TestProxy proxy = TestProxy.builder()
                .router(head -> CompletableFuture.completedFuture(new Route("r", empty, null, mainPool))).start();
             RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/download?bytes=1&fallback").status).isEqualTo(200);
            ExchangeRecord record = proxy.recordFor("/download?bytes=1&fallback");
            assertThat(record.pool()).isEqualTo("main");
            assertThat(record.routePool()).isEqualTo("workers");
            assertThat(record.servedByFallback()).isTrue();
        }
    }

    @Test
    void routerThatThrowsGets502() throws Exception {
        try (TestProxy proxy = TestProxy.builder().router(head -> {
                    throw new IllegalStateException("boom");
                }).start();
             RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/throws").status).isEqualTo(502);
            assertThat(client.get("/throws").status).isEqualTo(502);
        }
    }

    @Test
    void failedRouteDecisionGets502() throws Exception {
        try (TestProxy proxy = TestProxy.builder()
                .router(head -> CompletableFuture.failedFuture(new IllegalStateException("lookup failed"))).start();
             RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/fails").status).isEqualTo(502);
        }
    }

    @Test
    void slowRouteDecisionHoldsTheBodyUntilItArrives() throws Exception {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            Endpoint e = new Endpoint("async", "127.0.0.1", first.port());
            e.address(new java.net.InetSocketAddress("127.0.0.1", first.port()));
            UpstreamPool pool = new UpstreamPool("async", List.of(e), Balancing.LEAST_OUTSTANDING);
            try (TestProxy proxy = TestProxy.builder().router(head -> {
                        CompletableFuture<Route> later = new CompletableFuture<>();
                        timer.schedule(() -> later.complete(new Route("async", pool, "key", null)), 200, TimeUnit.MILLISECONDS);
                        return later;
                    }).start();
                 RawClient client = new RawClient(proxy.port())) {
                int size = 2 * 1024 * 1024;
                byte[] body = new byte[size];
                new DataPattern(11).fill(body, 0, size);
                client.send("POST /upload?async HTTP/1.1\r\nHost: h\r\nContent-Length: " + size + "\r\n\r\n");
                client.send(body, 0, size).flush();
                RawClient.Response response = client.read(false);
                assertThat(response.body()).isEqualTo("bytes=" + size + " sha256=" + DataPattern.sha256(11, size));
                assertThat(client.get("/download?bytes=2&async").status).isEqualTo(200);
                assertThat(e.outstanding()).isZero();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void unresolvedEndpointIsAConnectFailureNotALookupOnTheEventLoop() throws Exception {
        Endpoint unresolved = new Endpoint("dns", "worker.invalid", 8008);
        UpstreamPool pool = new UpstreamPool("dns", List.of(unresolved), Balancing.LEAST_OUTSTANDING);
        try (TestProxy proxy = TestProxy.builder()
                .router(head -> CompletableFuture.completedFuture(new Route("dns", pool, null, null))).start();
             RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/unresolved").status).isEqualTo(502);
            assertThat(proxy.failures).containsExactly(unresolved);
            assertThat(unresolved.outstanding()).isZero();
        }
    }
}

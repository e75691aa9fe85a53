package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.core.route.Route;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host, X-Forwarded-*, hop-by-hop and internal headers on their way through the proxy. */
class ForwardingHeadersTest {

    private static TestBackend backend;
    private static TestProxy untrusting;
    private static TestProxy trusting;
    private static final BlockingQueue<RequestHead> routed = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        backend = TestBackend.start("headers");
        untrusting = TestProxy.builder().backend(backend.port()).start();
        AtomicReference<TestProxy> self = new AtomicReference<>();
        trusting = TestProxy.builder().backend(backend.port()).trusted("127.0.0.1/32").debugHeaders()
                .router(head -> {
                    routed.add(head);
                    return CompletableFuture.completedFuture(new Route("test-route", self.get().pool, null, null));
                })
                .start();
        self.set(trusting);
    }

    @AfterAll
    static void stop() {
        untrusting.close();
        trusting.close();
        backend.close();
    }

    @BeforeEach
    void clear() {
        backend.received.clear();
        routed.clear();
        untrusting.records.clear();
        trusting.records.clear();
    }

    @Test
    void hostIsKeptAsTheClientSentIt() throws Exception {
        try (RawClient client = new RawClient(untrusting.port())) {
            client.send("GET /headers HTTP/1.1\r\nHost: Matrix.Example.org:8448\r\n\r\n");
            assertThat(client.read(false).status).isEqualTo(200);
        }
        assertThat(backend.nextRequest().all("host")).containsExactly("Matrix.Example.org:8448");
    }

    @Test
    void untrustedPeerForwardedHeadersAreOverwrittenWithThePeer() throws Exception {
        try (RawClient client = new RawClient(untrusting.port())) {
            client.send("GET /headers?untrusted HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 203.0.113.7\r\n"
                    + "X-Forwarded-For: 10.0.0.1\r\nX-Forwarded-Proto: https\r\n\r\n");
            assertThat(client.read(false).status).isEqualTo(200);
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.all("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(received.all("x-forwarded-proto")).containsExactly("http");
        assertThat(untrusting.recordFor("/headers?untrusted").clientAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void trustedPeerFirstForwardedValuesAreKeptAndNameTheClient() throws Exception {
        try (RawClient client = new RawClient(trusting.port())) {
            client.send("GET /headers?trusted HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 203.0.113.7, 10.0.0.1\r\n"
                    + "X-Forwarded-For: 10.9.9.9\r\nX-Forwarded-Proto: https, http\r\n\r\n");
            assertThat(client.read(false).status).isEqualTo(200);
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.all("x-forwarded-for")).containsExactly("203.0.113.7");
        assertThat(received.all("x-forwarded-proto")).containsExactly("https");
        assertThat(routed.poll(5, TimeUnit.SECONDS).clientAddress()).isEqualTo("203.0.113.7");
        assertThat(trusting.recordFor("/headers?trusted").clientAddress()).isEqualTo("203.0.113.7");
    }

    @Test
    void trustedPeerWithoutForwardedHeadersIsItselfTheClient() throws Exception {
        try (RawClient client = new RawClient(trusting.port())) {
            assertThat(client.get("/headers").status).isEqualTo(200);
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.all("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(received.all("x-forwarded-proto")).containsExactly("http");
    }

    @Test
    void hopByHopHeadersAreRemovedBothWays() throws Exception {
        RawClient.Response response;
        try (RawClient client = new RawClient(untrusting.port())) {
            client.send("GET /headers HTTP/1.1\r\nHost: h\r\n"
                    + "Connection: X-Hop-Request, keep-alive\r\n"
                    + "X-Hop-Request: must not reach the upstream\r\n"
                    + "Keep-Alive: timeout=5\r\n"
                    + "Proxy-Connection: keep-alive\r\n"
                    + "TE: trailers\r\n"
                    + "Trailer: X-Checksum\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Proxy-Authorization: Basic c2VjcmV0\r\n"
                    + "X-End-To-End: kept\r\n\r\n");
            response = client.read(false);
            assertThat(response.status).isEqualTo(200);
            // Keep-alive is still intact after the stripping.
            assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.headers()).extracting(h -> h.getKey().toLowerCase())
                .doesNotContain("connection", "x-hop-request", "keep-alive", "proxy-connection", "te", "trailer",
                        "upgrade", "proxy-authorization")
                .contains("x-end-to-end");
        assertThat(response.headerNames())
                .doesNotContain("connection", "x-hop-response", "keep-alive", "proxy-connection", "trailer", "upgrade")
                .contains("x-end-to-end");
    }

    @Test
    void connectionHeaderCannotStripFramingHeaders() throws Exception {
        try (RawClient client = new RawClient(untrusting.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nConnection: Content-Length, Host\r\nContent-Length: 5\r\n\r\nhello");
            RawClient.Response response = client.read(false);
            assertThat(response.body()).startsWith("bytes=5 ");
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.header("content-length")).isEqualTo("5");
        assertThat(received.header("host")).isEqualTo("h");
    }

    @Test
    void clientCannotInjectInternalHeaders() throws Exception {
        RawClient.Response response;
        try (RawClient client = new RawClient(trusting.port())) {
            client.send("GET /headers HTTP/1.1\r\nHost: h\r\nX-Synapse-Router-Upstream: evil\r\n"
                    + "x-synapse-router-anything: 1\r\n\r\n");
            response = client.read(false);
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.headers()).extracting(h -> h.getKey().toLowerCase())
                .noneMatch(name -> name.startsWith("x-synapse-router-"));
        assertThat(response.header("x-synapse-router-upstream")).isEqualTo("127.0.0.1:" + backend.port());
    }

    @Test
    void debugHeadersNameThePoolRouteAndUpstream() throws Exception {
        RawClient.Response response;
        try (RawClient client = new RawClient(trusting.port())) {
            response = client.get("/download?bytes=1&debug");
        }
        assertThat(response.header("x-synapse-router-pool")).isEqualTo("test-pool");
        assertThat(response.header("x-synapse-router-route")).isEqualTo("test-route");
        assertThat(response.header("x-synapse-router-upstream")).isEqualTo("127.0.0.1:" + backend.port());
        ExchangeRecord record = trusting.recordFor("/download?bytes=1&debug");
        assertThat(record.route()).isEqualTo("test-route");
        assertThat(record.pool()).isEqualTo("test-pool");
        assertThat(record.upstream()).isEqualTo("127.0.0.1:" + backend.port());
        assertThat(record.upstreamStatus()).isEqualTo(200);
        backend.nextRequest();
    }

    @Test
    void responsesCarryNoDebugHeadersUnlessEnabled() throws Exception {
        RawClient.Response response;
        try (RawClient client = new RawClient(untrusting.port())) {
            response = client.get("/download?bytes=1");
        }
        assertThat(response.headerNames()).noneMatch(name -> name.startsWith("x-synapse-router-"));
        backend.nextRequest();
    }
}

package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.core.error.ErrorBody;
import io.synapserouter.core.error.ProxyError;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.observe.ExchangeRecord.Outcome;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limits, timeouts and upstream failures: each answered as specified, nothing left hanging. */
class LimitsAndFailuresTest {

    /** A Matrix-style renderer, to show the proxy's own answers go through the configured ErrorBody. */
    static final ErrorBody MATRIX = new ErrorBody() {
        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public String render(ProxyError error, String message) {
            String code = error == ProxyError.TOO_LARGE ? "M_TOO_LARGE" : "M_UNKNOWN";
            return "{\"errcode\":\"" + code + "\",\"error\":\"" + message + "\"}";
        }
    };

    private static final long MAX_BODY = 1024 * 1024;
    private static TestBackend backend;
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("limits");
        proxy = TestProxy.builder().backend(backend.port()).maxBody(MAX_BODY).errorBody(MATRIX)
                .timeouts(new TimeoutSettings(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(700)))
                .start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @BeforeEach
    void clear() {
        backend.received.clear();
        proxy.records.clear();
        proxy.failures.clear();
    }

    @Test
    void contentLengthOverTheLimitGets413BeforeAnyBodyIsRead() throws Exception {
        int before = backend.requests.get();
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload?cl HTTP/1.1\r\nHost: h\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n");
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(413);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.body()).startsWith("{\"errcode\":\"M_TOO_LARGE\",\"error\":");
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(backend.requests.get()).isEqualTo(before);
        ExchangeRecord record = proxy.recordFor("/upload?cl");
        assertThat(record.status()).isEqualTo(413);
        assertThat(record.outcome()).isEqualTo(Outcome.LOCAL_ERROR);
    }

    @Test
    void chunkedBodyCrossingTheLimitGets413AndTheUpstreamIsAbandoned() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload?chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 24; i++) { // 1.5 MiB, over the 1 MiB limit
                    client.send(Integer.toHexString(chunk.length) + "\r\n").send(chunk, 0, chunk.length).send("\r\n");
                }
                client.send("0\r\n\r\n");
            } catch (IOException closedWhileSending) {
                // The proxy may have stopped listening already; the answer must still be readable.
            }
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(413);
            assertThat(response.body()).contains("M_TOO_LARGE");
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        backend.nextRequest();
        ExchangeRecord record = proxy.recordFor("/upload?chunked");
        assertThat(record.status()).isEqualTo(413);
        assertThat(record.bytesIn()).isGreaterThan(MAX_BODY);
        UpstreamReuseTest.awaitCondition(() -> proxy.server.connectionStats().activeExchanges() == 0);
        assertThat(proxy.endpoint(0).outstanding()).isZero();
    }

    @Test
    void overlongRequestLineGets414() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /" + "a".repeat(9 * 1024) + " HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.read(false).status).isEqualTo(414);
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(proxy.nextRecordMatching(r -> r.status() == 414).rawTarget()).as("the line was never parsed").isEqualTo("-");
    }

    @Test
    void oversizedHeadGets431() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /big-head HTTP/1.1\r\nHost: h\r\n" + ("X-Filler: " + "b".repeat(1000) + "\r\n").repeat(17) + "\r\n");
            assertThat(client.read(false).status).isEqualTo(431);
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(proxy.recordFor("/big-head").status()).isEqualTo(431);
    }

    @Test
    void requestLineAndHeadersTogetherOverTheHeadLimitGet431() throws Exception {
        // 7 KiB line (under 8 KiB) plus 10 KiB of headers (under 16 KiB): 17 KiB in all.
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /" + "a".repeat(7 * 1024) + " HTTP/1.1\r\nHost: h\r\n" + ("X-Filler: " + "b".repeat(1000) + "\r\n").repeat(10) + "\r\n");
            assertThat(client.read(false).status).isEqualTo(431);
        }
    }

    @Test
    void contentLengthWithTransferEncodingGets400AndClose() throws Exception {
        int before = backend.requests.get();
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(400);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    @Test
    void differingDuplicateContentLengthsGet400() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
            assertThat(client.read(false).status).isEqualTo(400);
        }
    }

    @Test
    void missingHostGets400() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(client.read(false).status).isEqualTo(400);
        }
    }

    @Test
    void silentUpstreamGets504AndTheClientConnectionStaysUsable() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            long start = System.nanoTime();
            RawClient.Response response = client.get("/hang");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status).isEqualTo(504);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(450);
            assertThat(client.get("/download?bytes=3").status).isEqualTo(200);
        }
        ExchangeRecord record = proxy.recordFor("/hang");
        assertThat(record.status()).isEqualTo(504);
        assertThat(record.upstream()).isEqualTo("127.0.0.1:" + backend.port());
        assertThat(proxy.failures).as("a slow upstream is not a refused one").isEmpty();
    }

    @Test
    void upstreamDyingMidResponseClosesTheClientConnection() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThatThrownBy(() -> client.get("/truncate")).isInstanceOf(IOException.class)
                    .hasMessageContaining("body bytes missing");
        }
        ExchangeRecord record = proxy.recordFor("/truncate");
        assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ABORTED);
        assertThat(record.status()).isEqualTo(200);
        assertThat(proxy.endpoint(0).outstanding()).isZero();
    }

    @Test
    void upstreamFallingSilentMidResponseClosesTheClientAfterTheIdleTimeout() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get("/stall")).isInstanceOf(IOException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(450);
        }
        assertThat(proxy.recordFor("/stall").outcome()).isEqualTo(Outcome.UPSTREAM_ABORTED);
    }

    @Test
    void clientLeavingMidUploadClosesTheUpstreamConnection() throws Exception {
        try (TestProxy own = TestProxy.builder().backend(backend.port()).ioThreads(1).start()) {
            try (RawClient client = new RawClient(own.port())) {
                client.send("POST /upload?abandoned HTTP/1.1\r\nHost: h\r\nContent-Length: " + MAX_BODY + "\r\n\r\n");
                byte[] part = new byte[100_000];
                client.send(part, 0, part.length).flush();
                backend.nextRequest();
                UpstreamReuseTest.awaitCondition(() -> own.server.connectionStats().upstreamConnections() == 1);
            }
            ExchangeRecord record = own.recordFor("/upload?abandoned");
            assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_ABORTED);
            assertThat(record.bytesIn()).isPositive();
            // A connection with half a request on it can never be reused: closed, not pooled.
            UpstreamReuseTest.awaitCondition(() -> own.server.connectionStats().upstreamConnections() == 0);
            assertThat(own.server.connectionStats().idleUpstreamConnections()).isZero();
            assertThat(own.endpoint(0).outstanding()).isZero();
        }
    }

    @Test
    void clientLeavingMidResponseReleasesTheUpstreamConnection() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /download?bytes=209715200 HTTP/1.1\r\nHost: h\r\n\r\n");
            byte[] some = new byte[100_000];
            int read = 0;
            while (read < some.length) {
                read += client.socket().getInputStream().read(some, read, some.length - read);
            }
        }
        ExchangeRecord record = proxy.recordFor("/download?bytes=209715200");
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_ABORTED);
        UpstreamReuseTest.awaitCondition(() -> proxy.server.connectionStats().activeExchanges() == 0
                && proxy.server.connectionStats().upstreamConnections() == proxy.server.connectionStats().idleUpstreamConnections());
        assertThat(proxy.endpoint(0).outstanding()).isZero();
    }

    @Test
    void slowlorisClientIsClosedAfterTheHeadTimeout() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            long start = System.nanoTime();
            client.send("GET /slowloris HTTP/1.1\r\nHost: h\r\n");
            RawClient.Response response = null;
            for (int i = 0; i < 100 && response == null; i++) {
                try {
                    client.send("X-Drip-" + i + ": 1\r\n");
                    Thread.sleep(50);
                    if (client.socket().getInputStream().available() > 0) {
                        response = client.read(false);
                    }
                } catch (IOException closed) {
                    break;
                }
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(400L, 4_000L);
            if (response != null) {
                assertThat(response.status).isEqualTo(408);
            }
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        Thread.sleep(100);
        assertThat(proxy.records).as("no head, no exchange").noneMatch(r -> r.rawTarget().equals("/slowloris"));
    }

    @Test
    void silentNewConnectionIsClosedAfterTheHeadTimeout() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            long start = System.nanoTime();
            boolean closed = client.closedWithin(Duration.ofSeconds(5));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).isTrue();
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.get("/download?bytes=1");
            long start = System.nanoTime();
            boolean closed = client.closedWithin(Duration.ofSeconds(5));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status).isEqualTo(200);
            assertThat(closed).isTrue();
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(600);
        }
    }
}

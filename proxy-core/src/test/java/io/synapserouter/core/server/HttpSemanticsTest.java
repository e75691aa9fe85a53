package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.observe.ExchangeRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 semantics through the proxy: framing both ways, 100-continue, HEAD, raw targets, HTTP/1.0. */
class HttpSemanticsTest {

    private static TestBackend backend;
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("b1");
        proxy = TestProxy.builder().backend(backend.port()).maxBody(8L * 1024 * 1024).start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void chunkedBodiesStreamBothWays() throws Exception {
        long seed = 42;
        int size = 3 * 1024 * 1024 + 17;
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test.example\r\nTransfer-Encoding: chunked\r\n\r\n");
            DataPattern pattern = new DataPattern(seed);
            byte[] chunk = new byte[100_000];
            int left = size;
            while (left > 0) {
                int n = Math.min(chunk.length, left);
                pattern.fill(chunk, 0, n);
                client.send(Integer.toHexString(n) + "\r\n");
                client.send(chunk, 0, n);
                client.send("\r\n");
                left -= n;
            }
            client.send("0\r\n\r\n");
            RawClient.Response upload = client.read(false);
            assertThat(upload.status).isEqualTo(200);
            assertThat(proxy.recordFor("/upload").bytesIn()).isEqualTo(size);
            assertThat(upload.body()).isEqualTo("bytes=" + size + " sha256=" + DataPattern.sha256(seed, size));
            TestBackend.Received received = backend.nextRequest();
            assertThat(received.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(received.header("content-length")).isNull();

            RawClient.Response download = client.get("/download?bytes=" + size + "&seed=7&mode=chunked");
            assertThat(download.status).isEqualTo(200);
            assertThat(download.chunked).as("chunked framing kept towards the client").isTrue();
            assertThat(download.bodyLength).isEqualTo(size);
            assertThat(download.sha256).isEqualTo(DataPattern.sha256(7, size));
            backend.nextRequest();
            ExchangeRecord record = proxy.recordFor("/download?bytes=" + size + "&seed=7&mode=chunked");
            assertThat(record.bytesOut()).isEqualTo(size);
            assertThat(record.outcome()).isEqualTo(ExchangeRecord.Outcome.PROXIED);
            assertThat(record.upstreamNanos()).isPositive();
        }
    }

    @Test
    void expectContinueIsAnsweredOnlyOnceAnUpstreamIsReadyAndNotForwarded() throws Exception {
        int size = 1024 * 1024;
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("PUT /upload HTTP/1.1\r\nHost: test.example\r\nExpect: 100-continue\r\nContent-Length: " + size + "\r\n\r\n");
            RawClient.Response interim = client.read(false);
            assertThat(interim.status).isEqualTo(100);
            TestBackend.Received received = backend.nextRequest();
            assertThat(received.header("expect")).as("the proxy answers the expectation itself").isNull();
            byte[] body = new byte[size];
            new DataPattern(3).fill(body, 0, size);
            client.send(body, 0, size).flush();
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(200);
            assertThat(response.body()).isEqualTo("bytes=" + size + " sha256=" + DataPattern.sha256(3, size));
            // Still usable afterwards.
            assertThat(client.get("/download?bytes=10").bodyLength).isEqualTo(10);
            backend.nextRequest();
        }
    }

    @Test
    void expectContinueOverTheLimitGets413WithoutContinue() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test.example\r\nExpect: 100-continue\r\nContent-Length: 9999999999\r\n\r\n");
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(413);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        ExchangeRecord record = proxy.nextRecordMatching(r -> r.status() == 413);
        assertThat(record.outcome()).isEqualTo(ExchangeRecord.Outcome.LOCAL_ERROR);
        assertThat(record.upstream()).isNull();
    }

    @Test
    void headKeepsContentLengthAndRelaysNoBody() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("HEAD /download?bytes=12345 HTTP/1.1\r\nHost: test.example\r\n\r\n");
            RawClient.Response head = client.read(true);
            assertThat(head.status).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("12345");
            // A stray body byte would corrupt the next response on the same connection.
            RawClient.Response next = client.get("/download?bytes=10&seed=5");
            assertThat(next.status).isEqualTo(200);
            assertThat(next.sha256).isEqualTo(DataPattern.sha256(5, 10));
            backend.nextRequest();
            backend.nextRequest();
        }
    }

    @Test
    void rawTargetReachesUpstreamByteForByte() throws Exception {
        String target = "/a%2Fb/%21room%3Aex.org/+;x//y?q=%2F";
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get(target).status).isEqualTo(200);
        }
        assertThat(backend.nextRequest().uri()).isEqualTo(target);
    }

    @Test
    void http10ClientGetsUnchunkedBodyEndedByClose() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /download?bytes=100000&seed=9&mode=chunked HTTP/1.0\r\n\r\n");
            RawClient.Response response = client.read(false);
            assertThat(response.status).isEqualTo(200);
            assertThat(response.header("transfer-encoding")).isNull();
            assertThat(response.closeDelimited).isTrue();
            assertThat(response.sha256).isEqualTo(DataPattern.sha256(9, 100000));
        }
        TestBackend.Received received = backend.nextRequest();
        assertThat(received.version()).isEqualTo("HTTP/1.1");
        assertThat(received.header("host")).as("an HTTP/1.1 upstream needs a Host").isEqualTo("127.0.0.1:" + backend.port());
    }

    @Test
    void http10KeepAliveClientKeepsItsConnection() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /download?bytes=10&seed=1 HTTP/1.0\r\nHost: test.example\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response first = client.read(false);
            assertThat(first.header("connection")).isEqualToIgnoringCase("keep-alive");
            assertThat(first.sha256).isEqualTo(DataPattern.sha256(1, 10));
            client.send("GET /download?bytes=20&seed=2 HTTP/1.0\r\nHost: test.example\r\n\r\n");
            RawClient.Response second = client.read(false);
            assertThat(second.sha256).isEqualTo(DataPattern.sha256(2, 20));
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        backend.nextRequest();
        backend.nextRequest();
    }

    @Test
    void upstreamBodyEndedByCloseIsChunkedForHttp11Client() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.get("/until-close");
            assertThat(response.chunked).isTrue();
            assertThat(response.body()).isEqualTo("until the end");
            assertThat(client.get("/download?bytes=3").bodyLength).isEqualTo(3);
        }
        backend.nextRequest();
        backend.nextRequest();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /slow?ms=300 HTTP/1.1\r\nHost: test.example\r\n\r\n"
                    + "GET /download?bytes=5&seed=4 HTTP/1.1\r\nHost: test.example\r\n\r\n");
            RawClient.Response first = client.read(false);
            RawClient.Response second = client.read(false);
            assertThat(first.body()).isEqualTo("slow 300");
            assertThat(second.sha256).isEqualTo(DataPattern.sha256(4, 5));
        }
        backend.nextRequest();
        backend.nextRequest();
    }

    @Test
    void interimResponsesFromUpstreamAreNotRelayed() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.get("/interim");
            assertThat(response.status).isEqualTo(200);
            assertThat(response.body()).isEqualTo("after interim");
            assertThat(client.get("/download?bytes=2").status).isEqualTo(200);
        }
        backend.nextRequest();
        backend.nextRequest();
    }

    @Test
    void clientAskingToCloseGetsItsConnectionClosed() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET /download?bytes=4 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            RawClient.Response response = client.read(false);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        backend.nextRequest();
    }

    @Test
    void postBodyWithContentLengthArrivesIntact() throws Exception {
        byte[] body = "{\"msgtype\":\"m.text\",\"body\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test.example\r\nContent-Length: " + body.length + "\r\n\r\n");
            client.send(body, 0, body.length).flush();
            RawClient.Response response = client.read(false);
            assertThat(response.body()).startsWith("bytes=" + body.length + " ");
        }
        assertThat(backend.nextRequest().header("content-length")).isEqualTo(String.valueOf(body.length));
    }
}

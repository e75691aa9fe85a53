package io.synapserouter.bench.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.bench.load.LongPollHold;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchBackendTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private BenchBackend backend;

    @BeforeEach
    void start() throws InterruptedException {
        Map<String, Integer> pools = new LinkedHashMap<>();
        pools.put("sync", 2);
        pools.put("media_repository", 1);
        backend = new BenchBackend(50, 1, pools);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private HttpResponse<String> get(int port, String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> control(String method, String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port("control") + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whoamiNamesTheTokensUserAndCountsEveryCallPerToken() throws Exception {
        String token = backend.tokens().token(7);
        HttpResponse<String> first = get(backend.port("main"), "/_matrix/client/v3/account/whoami", token);
        get(backend.port("main"), "/_matrix/client/r0/account/whoami", token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"user_id\":\"@u7:bench.example.org\"");
        assertThat(backend.tokens().callsFor(7)).isEqualTo(2);
        assertThat(control("GET", "/whoami-calls?from=0&to=10").body())
                .contains("\"calls\":2").contains("\"max\":2").contains("\"histogram\":{\"0\":9,\"2\":1}");
    }

    @Test
    void unknownTokenGetsMUnknownTokenAndIsCountedApart() throws Exception {
        HttpResponse<String> r = get(backend.port("main"), "/_matrix/client/v3/account/whoami", "mat_not_a_token");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("M_UNKNOWN_TOKEN");
        assertThat(backend.tokens().unknownCalls()).isEqualTo(1);
    }

    @Test
    void everyProcessSaysWhichOneServedTheRequest() throws Exception {
        HttpResponse<String> sync2 = get(backend.poolPorts("sync").get(1), "/_matrix/client/v3/sync?timeout=0", null);
        HttpResponse<String> main = get(backend.port("main"), "/_matrix/client/v3/notifications", null);

        assertThat(sync2.headers().firstValue("X-Served-By")).hasValue("sync-2");
        assertThat(main.headers().firstValue("X-Served-By")).hasValue("main");
        assertThat(control("GET", "/stats").body()).contains("\"sync-2\":1").contains("\"main\":1");
    }

    @Test
    void uploadBodiesAreReadCountedAndAnswered() throws Exception {
        byte[] body = new byte[3 << 20];
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + backend.poolPorts("media_repository").get(0) + "/_matrix/media/v3/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(control("GET", "/stats").body()).contains("\"body_bytes\":" + body.length);
    }

    @Test
    void longPollsAreHeldOnTheEventLoopUntilTheirTimeout() throws Exception {
        int polls = 300;
        int port = backend.poolPorts("sync").get(0);
        try (LongPollHold hold = new LongPollHold()) {
            long t0 = System.nanoTime();
            hold.open(new InetSocketAddress("127.0.0.1", port), polls, 100,
                    i -> "GET /_matrix/client/v3/sync?timeout=2000 HTTP/1.1\r\nHost: x\r\n\r\n", 20_000);
            assertThat(hold.sent()).isEqualTo(polls);
            String stats = awaitStat("\"open_polls\":" + polls, 10_000);
            assertThat(stats).contains("\"open_polls\":" + polls);
            // the backend's one event loop holds them all: no thread per request
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().startsWith("backend-")))
                    .hasSize(1);
            assertThat(hold.answered()).isZero();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (hold.answered() < polls && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hold.answered()).isEqualTo(polls);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(2000);
            assertThat(awaitStat("\"open_polls\":0", 10_000)).contains("\"open_polls\":0");
        }
    }

    @Test
    void resetZeroesCountersAndWhoamiDelayIsApplied() throws Exception {
        get(backend.port("main"), "/_matrix/client/v3/account/whoami", backend.tokens().token(1));
        assertThat(control("POST", "/reset").statusCode()).isEqualTo(200);
        assertThat(backend.tokens().totalCalls()).isZero();

        assertThat(control("POST", "/whoami-delay?ms=300").body()).contains("300");
        long t0 = System.nanoTime();
        HttpResponse<String> r = get(backend.port("main"), "/_matrix/client/v3/account/whoami", backend.tokens().token(1));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    private String awaitStat(String fragment, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        String body = "";
        while (System.nanoTime() < deadline) {
            body = control("GET", "/stats").body();
            if (body.contains(fragment)) {
                return body;
            }
            Thread.sleep(50);
        }
        return body;
    }
}

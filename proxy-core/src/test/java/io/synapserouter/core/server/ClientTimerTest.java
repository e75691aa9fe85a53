package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.config.TimeoutSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection's single timer serves limits of different lengths: a shorter limit that starts while
 * the timer sleeps towards a longer one must still be enforced on time, and a longer one must not cut a
 * connection short. The keep-alive limit here is far longer than the others so that a late check shows.
 */
class ClientTimerTest {

    private static TestBackend backend;
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("timer");
        proxy = TestProxy.builder().backend(backend.port())
                .timeouts(new TimeoutSettings(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(4)))
                .start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void partialHeadOnAKeptAliveConnectionGets408AtTheHeadTimeoutNotTheKeepAliveOne() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
            // Past the first head limit: the timer now sleeps towards the keep-alive limit.
            Thread.sleep(700);
            long start = System.nanoTime();
            client.send("GET /partial HTTP/1.1\r\nHost: h\r\n");
            RawClient.Response response = client.read(false);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status).isEqualTo(408);
            assertThat(elapsedMillis).isBetween(400L, 3_000L);
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void silentUpstreamAfterAKeepAlivePauseGets504AtTheUpstreamTimeout() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
            Thread.sleep(700);
            long start = System.nanoTime();
            RawClient.Response response = client.get("/hang");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status).isEqualTo(504);
            assertThat(elapsedMillis).isBetween(450L, 3_000L);
            assertThat(client.get("/download?bytes=2").status).isEqualTo(200);
        }
    }

    @Test
    void keepAliveLimitRunsFromTheEndOfTheLatestExchange() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
            Thread.sleep(2_500);
            assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
            Thread.sleep(2_500);
            // 5 s after the first exchange, 2.5 s after the latest: still open.
            assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
        }
    }
}

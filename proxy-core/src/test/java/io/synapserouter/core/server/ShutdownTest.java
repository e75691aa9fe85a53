package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.core.observe.ExchangeRecord.Outcome;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: in-flight requests finish within the grace period, nothing new is accepted. */
class ShutdownTest {

    private static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("shutdown");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void shutdownLetsAnInFlightRequestFinishAndRefusesNewConnections() throws Exception {
        try (TestProxy proxy = TestProxy.builder().backend(backend.port()).start();
             RawClient inFlight = new RawClient(proxy.port());
             RawClient idle = new RawClient(proxy.port())) {
            assertThat(idle.get("/download?bytes=1").status).isEqualTo(200);
            backend.received.clear();
            inFlight.send("GET /slow?ms=1000 HTTP/1.1\r\nHost: h\r\n\r\n");
            backend.nextRequest();
            assertThat(proxy.endpoint(0).outstanding()).as("counted while in flight").isEqualTo(1);

            long start = System.nanoTime();
            CompletableFuture<Void> done = proxy.server.shutdown(Duration.ofSeconds(20)).toCompletableFuture();
            assertThat(proxy.server.isDraining()).isTrue();
            assertThatThrownBy(() -> new RawClient(proxy.port()).close()).isInstanceOf(ConnectException.class);
            assertThat(idle.closedWithin(Duration.ofSeconds(5))).as("an idle keep-alive connection is closed at once").isTrue();

            RawClient.Response response = inFlight.read(false);
            assertThat(response.status).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow 1000");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(inFlight.closedWithin(Duration.ofSeconds(5))).isTrue();

            done.get(10, TimeUnit.SECONDS);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("drained as soon as the request finished, long before the grace").isLessThan(10_000);
            assertThat(proxy.recordFor("/slow?ms=1000").outcome()).isEqualTo(Outcome.PROXIED);
            assertThat(proxy.server.connectionStats()).isEqualTo(new ConnectionStats(0, 0, 0, 0));
            assertThat(proxy.endpoint(0).outstanding()).isZero();
        }
    }

    @Test
    void graceExpiryClosesARequestThatDoesNotFinish() throws Exception {
        try (TestProxy proxy = TestProxy.builder().backend(backend.port()).start();
             RawClient client = new RawClient(proxy.port())) {
            backend.received.clear();
            client.send("GET /hang HTTP/1.1\r\nHost: h\r\n\r\n");
            backend.nextRequest();
            long start = System.nanoTime();
            CompletableFuture<Void> done = proxy.server.shutdown(Duration.ofMillis(500)).toCompletableFuture();
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(400L, 5_000L);
            done.get(10, TimeUnit.SECONDS);
            assertThat(proxy.recordFor("/hang").outcome()).isEqualTo(Outcome.CLIENT_ABORTED);
            assertThat(proxy.server.shutdown(Duration.ZERO).toCompletableFuture()).as("idempotent").isSameAs(done);
        }
    }
}

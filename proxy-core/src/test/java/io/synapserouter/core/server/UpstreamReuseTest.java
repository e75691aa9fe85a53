package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.observe.ExchangeRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Upstream keep-alive: connections are reused, bounded, and a dead pooled one is replaced unnoticed. */
class UpstreamReuseTest {

    @Test
    void thousandSequentialRequestsOpenNoMoreUpstreamConnectionsThanThePoolSize() throws Exception {
        int poolSize = 4;
        try (TestBackend backend = TestBackend.start("reuse");
             TestProxy proxy = TestProxy.builder().backend(backend.port()).ioThreads(2)
                     .upstream(new UpstreamConnectionSettings(poolSize, Duration.ofSeconds(30))).start()) {
            try (RawClient client = new RawClient(proxy.port())) {
                for (int i = 0; i < 500; i++) {
                    assertThat(client.get("/download?bytes=16&seed=" + i).status).isEqualTo(200);
                }
            }
            for (int i = 0; i < 500; i++) {
                // A new client connection each time, spread over both event loops.
                try (RawClient client = new RawClient(proxy.port())) {
                    assertThat(client.get("/download?bytes=16&seed=" + i).status).isEqualTo(200);
                }
            }
            assertThat(backend.requests.get()).isEqualTo(1000);
            awaitCondition(() -> proxy.records.size() >= 1000);
            Thread.sleep(50);
            assertThat(proxy.records).as("exactly one record per request").hasSize(1000)
                    .allMatch(r -> r.outcome() == io.synapserouter.core.observe.ExchangeRecord.Outcome.PROXIED);
            // One upstream connection per event loop suffices for sequential traffic.
            assertThat(backend.connections.get()).isLessThanOrEqualTo(2).isLessThanOrEqualTo(poolSize);
            assertThat(proxy.server.connectionStats().upstreamConnections()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void idleUpstreamConnectionsAreBoundedPerEndpoint() throws Exception {
        int parallel = 8;
        try (TestBackend backend = TestBackend.start("bounded");
             TestProxy proxy = TestProxy.builder().backend(backend.port()).ioThreads(1)
                     .upstream(new UpstreamConnectionSettings(2, Duration.ofSeconds(30))).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    results.add(pool.submit(() -> {
                        try (RawClient client = new RawClient(proxy.port())) {
                            return client.get("/slow?ms=800").status;
                        }
                    }));
                }
                for (Future<Integer> r : results) {
                    assertThat(r.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(backend.connections.get()).as("more connections than the idle bound were open").isGreaterThan(2);
            awaitCondition(() -> proxy.server.connectionStats().upstreamConnections() == 2);
            assertThat(proxy.server.connectionStats().idleUpstreamConnections()).isEqualTo(2);
        }
    }

    @Test
    void idleUpstreamConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        try (TestBackend backend = TestBackend.start("evict");
             TestProxy proxy = TestProxy.builder().backend(backend.port()).ioThreads(1)
                     .upstream(new UpstreamConnectionSettings(4, Duration.ofMillis(300))).start()) {
            try (RawClient client = new RawClient(proxy.port())) {
                assertThat(client.get("/download?bytes=1").status).isEqualTo(200);
            }
            assertThat(proxy.server.connectionStats().idleUpstreamConnections()).isEqualTo(1);
            awaitCondition(() -> proxy.server.connectionStats().upstreamConnections() == 0);
            assertThat(proxy.server.connectionStats().idleUpstreamConnections()).isZero();
        }
    }

    @Test
    void pooledConnectionClosedUnderARequestIsRetriedOnAFreshOneWithoutBlamingTheEndpoint() throws Exception {
        try (TestBackend backend = TestBackend.start("stale");
             TestProxy proxy = TestProxy.builder().backend(backend.port()).ioThreads(1).start();
             RawClient client = new RawClient(proxy.port())) {
            assertThat(client.get("/first-only").status).isEqualTo(200);
            proxy.nextRecord();
            // The pooled connection is reused, the backend drops it, the proxy opens a new one.
            RawClient.Response second = client.get("/first-only");
            assertThat(second.status).isEqualTo(200);
            assertThat(backend.connections.get()).isEqualTo(2);
            assertThat(proxy.failures).isEmpty();
            ExchangeRecord record = proxy.nextRecord();
            assertThat(record.outcome()).isEqualTo(ExchangeRecord.Outcome.PROXIED);
            assertThat(record.retried()).isFalse();
            assertThat(proxy.endpoint(0).outstanding()).isZero();
        }
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}

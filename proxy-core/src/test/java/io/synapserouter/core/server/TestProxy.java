package io.synapserouter.core.server;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.Cidr;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-process {@link ProxyServer} on 127.0.0.1:0 in front of one pool of endpoints, recording every
 * {@link ExchangeRecord} and every endpoint failure it reports.
 */
final class TestProxy implements AutoCloseable {

    final ProxyServer server;
    final UpstreamPool pool;
    final BlockingQueue<ExchangeRecord> records = new LinkedBlockingQueue<>();
    final List<Endpoint> failures = new CopyOnWriteArrayList<>();

    private TestProxy(Builder b) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int port : b.ports) {
            Endpoint e = new Endpoint("test-pool", "127.0.0.1", port);
            e.address(new InetSocketAddress("127.0.0.1", port));
            endpoints.add(e);
        }
        this.pool = new UpstreamPool("test-pool", endpoints, Balancing.LEAST_OUTSTANDING);
        Router router = b.router != null ? b.router
                : head -> CompletableFuture.completedFuture(new Route("test-route", pool, null, null));
        ProxySettings settings = new ProxySettings(
                List.of(new ListenerSettings("client", "127.0.0.1", 0, b.maxBody)),
                b.trusted,
                b.timeouts,
                b.limits,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                b.debugHeaders,
                "http",
                b.ioThreads);
        this.server = ProxyServer.builder()
                .settings(settings)
                .router(router)
                .errorBody(b.errorBody)
                .exchangeListener(records::add)
                .endpointFailureListener((endpoint, cause) -> failures.add(endpoint))
                .upstreamConnections(b.upstream)
                .build();
        server.start();
    }

    static Builder builder() {
        return new Builder();
    }

    int port() {
        return server.port("client");
    }

    /** A port on 127.0.0.1 where nothing listens: connections to it are refused. */
    static int refusedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    Endpoint endpoint(int index) {
        return pool.endpoints().get(index);
    }

    /** The next exchange record, waiting up to 10 s. */
    ExchangeRecord nextRecord() throws InterruptedException {
        ExchangeRecord r = records.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no exchange record within 10 s");
        }
        return r;
    }

    /** The next record that satisfies {@code test}, skipping others, waiting up to 10 s in all. */
    ExchangeRecord nextRecordMatching(java.util.function.Predicate<ExchangeRecord> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ExchangeRecord r = records.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no matching exchange record within 10 s");
            }
            if (test.test(r)) {
                return r;
            }
        }
    }

    /**
     * The record of the request for {@code rawTarget}. Records are published when the response write
     * completes, which may be after the client has read it, so tests look records up by target.
     */
    ExchangeRecord recordFor(String rawTarget) throws InterruptedException {
        return nextRecordMatching(r -> r.rawTarget().equals(rawTarget));
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(1)).toCompletableFuture().join();
    }

    static final class Builder {
        private final List<Integer> ports = new ArrayList<>();
        private Router router;
        private long maxBody = 50L * 1024 * 1024;
        private List<Cidr> trusted = List.of();
        private TimeoutSettings timeouts = TimeoutSettings.DEFAULTS;
        private LimitSettings limits = LimitSettings.DEFAULTS;
        private boolean debugHeaders;
        private int ioThreads = 2;
        private UpstreamConnectionSettings upstream = UpstreamConnectionSettings.DEFAULTS;
        private io.synapserouter.core.error.ErrorBody errorBody = io.synapserouter.core.error.ErrorBody.PLAIN_JSON;

        Builder errorBody(io.synapserouter.core.error.ErrorBody errorBody) {
            this.errorBody = errorBody;
            return this;
        }

        Builder limits(LimitSettings limits) {
            this.limits = limits;
            return this;
        }

        Builder backend(int port) {
            ports.add(port);
            return this;
        }

        Builder router(Router router) {
            this.router = router;
            return this;
        }

        Builder maxBody(long bytes) {
            this.maxBody = bytes;
            return this;
        }

        Builder trusted(String... cidrs) {
            this.trusted = java.util.Arrays.stream(cidrs).map(Cidr::parse).toList();
            return this;
        }

        Builder timeouts(TimeoutSettings timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        Builder debugHeaders() {
            this.debugHeaders = true;
            return this;
        }

        Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        Builder upstream(UpstreamConnectionSettings upstream) {
            this.upstream = upstream;
            return this;
        }

        TestProxy start() {
            return new TestProxy(this);
        }
    }
}

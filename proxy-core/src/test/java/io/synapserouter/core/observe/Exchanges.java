package io.synapserouter.core.observe;

/** Builds exchange records for tests, with plausible defaults that each test overrides. */
final class Exchanges {

    private String listener = "client";
    private String clientAddress = "192.0.2.10";
    private String method = "GET";
    private String rawTarget = "/_matrix/client/v3/sync?timeout=30000";
    private String httpVersion = "HTTP/1.1";
    private String host = "matrix.example.org";
    private String userAgent = "Element/1.11";
    private String referer;
    private int status = 200;
    private String route = "sync";
    private String pool = "sync";
    private String routePool;
    private String upstream = "sync-1:8083";
    private int upstreamStatus = 200;
    private long bytesIn;
    private long bytesOut = 512;
    private long startEpochMillis = 1_700_000_000_123L;
    private long requestNanos = 12_345_678;
    private long upstreamNanos = 11_000_000;
    private boolean retried;
    private ExchangeRecord.Outcome outcome = ExchangeRecord.Outcome.PROXIED;

    static Exchanges exchange() {
        return new Exchanges();
    }

    Exchanges listener(String v) { listener = v; return this; }
    Exchanges client(String v) { clientAddress = v; return this; }
    Exchanges method(String v) { method = v; return this; }
    Exchanges target(String v) { rawTarget = v; return this; }
    Exchanges host(String v) { host = v; return this; }
    Exchanges userAgent(String v) { userAgent = v; return this; }
    Exchanges referer(String v) { referer = v; return this; }
    Exchanges status(int v) { status = v; return this; }
    Exchanges route(String v) { route = v; return this; }
    Exchanges pool(String v) { pool = v; return this; }
    Exchanges upstream(String v) { upstream = v; return this; }
    Exchanges upstreamStatus(int v) { upstreamStatus = v; return this; }
    Exchanges bytesIn(long v) { bytesIn = v; return this; }
    Exchanges bytesOut(long v) { bytesOut = v; return this; }
    Exchanges start(long v) { startEpochMillis = v; return this; }
    Exchanges requestNanos(long v) { requestNanos = v; return this; }
    Exchanges upstreamNanos(long v) { upstreamNanos = v; return this; }
    Exchanges retried(boolean v) { retried = v; return this; }
    Exchanges outcome(ExchangeRecord.Outcome v) { outcome = v; return this; }
    Exchanges routePool(String v) { routePool = v; return this; }

    /** A local answer: no upstream was involved. */
    Exchanges local(int localStatus) {
        status = localStatus;
        upstream = null;
        upstreamStatus = 0;
        upstreamNanos = -1;
        outcome = ExchangeRecord.Outcome.LOCAL_ERROR;
        return this;
    }

    ExchangeRecord build() {
        return new ExchangeRecord(listener, clientAddress, method, rawTarget, httpVersion, host, userAgent, referer,
                status, route, pool, upstream, upstreamStatus, bytesIn, bytesOut, startEpochMillis, requestNanos,
                upstreamNanos, retried, outcome, routePool == null ? pool : routePool);
    }
}

package io.synapserouter.core.observe;

/**
 * One finished request, as the access log and the metrics see it. Times are in nanoseconds.
 *
 * @param listener        the listener that accepted it ({@code client}, {@code federation})
 * @param clientAddress   the effective client address (after trusted-proxy handling)
 * @param method          the request method
 * @param rawTarget       the request-target as sent; loggers must redact secrets in it
 * @param httpVersion     e.g. {@code HTTP/1.1}
 * @param host            the Host header, or null
 * @param userAgent       the User-Agent header, or null
 * @param referer         the Referer header, or null
 * @param status          the status sent to the client (0 if none was sent)
 * @param route           the matched route name, or null when the request never got one
 * @param pool            the pool that served it, or null
 * @param upstream        the endpoint id ({@code host:port}) that served it, or null
 * @param upstreamStatus  the upstream's status, or 0 when no upstream answered
 * @param bytesIn         request body bytes received from the client
 * @param bytesOut        response body bytes sent to the client
 * @param startEpochMillis wall-clock start, for the log timestamp
 * @param requestNanos    from the request head to the last response byte written
 * @param upstreamNanos   from sending upstream to the upstream's last response byte, or -1
 * @param retried         whether the request was retried on another endpoint
 * @param outcome         how it ended, for logs and metrics
 * @param routePool       the pool the route chose first; differs from {@code pool} when the route's
 *                        fallback pool served the request (or null when there was no route)
 */
public record ExchangeRecord(
        String listener,
        String clientAddress,
        String method,
        String rawTarget,
        String httpVersion,
        String host,
        String userAgent,
        String referer,
        int status,
        String route,
        String pool,
        String upstream,
        int upstreamStatus,
        long bytesIn,
        long bytesOut,
        long startEpochMillis,
        long requestNanos,
        long upstreamNanos,
        boolean retried,
        Outcome outcome,
        String routePool) {

    /** A record served by the pool its route chose (no fallback). */
    public ExchangeRecord(String listener, String clientAddress, String method, String rawTarget, String httpVersion,
                          String host, String userAgent, String referer, int status, String route, String pool,
                          String upstream, int upstreamStatus, long bytesIn, long bytesOut, long startEpochMillis,
                          long requestNanos, long upstreamNanos, boolean retried, Outcome outcome) {
        this(listener, clientAddress, method, rawTarget, httpVersion, host, userAgent, referer, status, route, pool,
                upstream, upstreamStatus, bytesIn, bytesOut, startEpochMillis, requestNanos, upstreamNanos, retried,
                outcome, pool);
    }

    /** Whether the route's fallback pool served the request because its own pool had no endpoint. */
    public boolean servedByFallback() {
        return routePool != null && pool != null && !routePool.equals(pool);
    }

    /** How an exchange ended; a bounded set, safe as a metric label. */
    public enum Outcome {
        /** The upstream's answer was relayed completely. */
        PROXIED,
        /** The proxy answered itself (limit exceeded, bad request, no upstream, gateway error). */
        LOCAL_ERROR,
        /** The client went away before the answer was complete. */
        CLIENT_ABORTED,
        /** The upstream failed after the response had started; the client connection was closed. */
        UPSTREAM_ABORTED
    }
}

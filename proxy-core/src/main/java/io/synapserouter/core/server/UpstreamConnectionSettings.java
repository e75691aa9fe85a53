package io.synapserouter.core.server;

import java.time.Duration;

/**
 * How the engine keeps upstream connections alive between requests. Pools are per event loop, so the
 * idle bound applies per endpoint on each I/O thread.
 *
 * @param maxIdlePerEndpoint idle keep-alive connections kept per endpoint on one event loop (default 256);
 *                           connections beyond it are closed when their response ends. It must cover the
 *                           concurrency one endpoint sees (the main process takes everything unrouted), or
 *                           busy periods turn into a reconnect per response
 * @param idleTimeout        an idle connection older than this is closed (default 30 s, below the 60 s
 *                           idle limits common upstream, so the proxy, not the upstream, ends it)
 */
public record UpstreamConnectionSettings(int maxIdlePerEndpoint, Duration idleTimeout) {

    public static final UpstreamConnectionSettings DEFAULTS = new UpstreamConnectionSettings(256, Duration.ofSeconds(30));

    public UpstreamConnectionSettings {
        if (maxIdlePerEndpoint < 0) {
            throw new IllegalArgumentException("maxIdlePerEndpoint must not be negative, got " + maxIdlePerEndpoint);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
    }
}

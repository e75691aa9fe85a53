package io.synapserouter.core.config;

import java.time.Duration;

/**
 * @param connect            to open an upstream connection (default 5 s)
 * @param upstreamResponse   idle time allowed while waiting on the upstream's answer (default 180 s:
 *                           long-polls and initial syncs)
 * @param clientRequestHead  to receive a whole request head (default 10 s: slowloris)
 * @param clientKeepAlive    an idle client connection between requests (default 65 s)
 */
public record TimeoutSettings(Duration connect, Duration upstreamResponse, Duration clientRequestHead, Duration clientKeepAlive) {

    public static final TimeoutSettings DEFAULTS = new TimeoutSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(180), Duration.ofSeconds(10), Duration.ofSeconds(65));
}

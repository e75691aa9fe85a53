package io.synapserouter.core.config;

import java.time.Duration;

/**
 * Active health checks of every upstream endpoint.
 *
 * @param interval between checks of one endpoint (default 2 s)
 * @param timeout  for one check (default 1 s)
 * @param rise     consecutive passes that bring an endpoint back (default 2)
 * @param fall     consecutive failures that take it out (default 3)
 * @param path     the request-target checked (default {@code /health}, which every Synapse process serves)
 */
public record HealthCheckSettings(Duration interval, Duration timeout, int rise, int fall, String path) {

    public static final HealthCheckSettings DEFAULTS =
            new HealthCheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3, "/health");
}

package io.synapserouter.routing.config;

import java.net.URI;
import java.time.Duration;

/**
 * {@code whoami:}, identity lookups against Synapse.
 *
 * @param url              the whoami URL; default {@code http://<synapse.client>/_matrix/client/v3/account/whoami}
 * @param timeout          per lookup (default 2 s)
 * @param ttl              how long a resolved user is cached (default 1 h)
 * @param negativeTtl      how long a 401/403 answer is cached (default 1 min)
 * @param maxEntries       cache bound (default 100,000)
 * @param breakerFailures  consecutive failures that open the breaker (default 5)
 * @param breakerOpenFor   how long it stays open before a probe (default 10 s)
 */
public record WhoamiSettings(URI url, Duration timeout, Duration ttl, Duration negativeTtl, long maxEntries,
                             int breakerFailures, Duration breakerOpenFor) {
}

package io.synapserouter.routing.config;

import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.ProxySettings;
import java.util.List;
import java.util.Map;

/**
 * The whole of {@code router.yaml}, validated.
 *
 * @param proxy        engine settings: listeners, trusted proxies, timeouts, limits, debug headers
 * @param admin        the admin listener (metrics, health), or null when disabled
 * @param synapse      the main process
 * @param workers      worker pools by pool name, in config order (see {@link PoolNames}); a pool
 *                     absent or empty has no workers
 * @param pools        per-pool overrides of balancing and of what happens when the pool is empty
 * @param routes       operator rules, checked before the built-in table, in order
 * @param whoami       identity lookups
 * @param healthChecks active health checks
 * @param accessLog    the access log
 */
public record RouterConfig(
        ProxySettings proxy,
        HostPort admin,
        SynapseSettings synapse,
        Map<String, List<HostPort>> workers,
        Map<String, PoolOverride> pools,
        List<RouteRule> routes,
        WhoamiSettings whoami,
        HealthCheckSettings healthChecks,
        AccessLogSettings accessLog) {

    public RouterConfig {
        workers = Map.copyOf(workers);
        pools = Map.copyOf(pools);
        routes = List.copyOf(routes);
    }
}

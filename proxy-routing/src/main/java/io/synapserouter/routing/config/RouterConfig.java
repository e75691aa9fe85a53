package io.synapserouter.routing.config;

import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.server.UpstreamConnectionSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole of {@code router.yaml}, validated.
 *
 * @param proxy        engine settings: listeners, trusted proxies, timeouts, limits, debug headers
 * @param admin        the admin listener (metrics, health), or null when disabled
 * @param synapse      the main process
 * @param workers      worker pools by pool name, in config order (see {@link PoolNames}; stream
 *                     writers are flat pool names here); a pool absent or empty has no workers
 * @param pools        per-pool overrides of balancing and of what happens when the pool is empty
 * @param routes       operator rules, checked before the built-in table, in order
 * @param whoami       identity lookups
 * @param healthChecks active health checks
 * @param accessLog    the access log
 * @param upstreamKeepAlive how idle upstream connections are kept for reuse
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
        AccessLogSettings accessLog,
        UpstreamConnectionSettings upstreamKeepAlive) {

    public RouterConfig {
        // Ordered copies, unlike Map.copyOf: the file's order is what `check` prints and operators recognise.
        Map<String, List<HostPort>> workersCopy = new LinkedHashMap<>();
        workers.forEach((pool, endpoints) -> workersCopy.put(Objects.requireNonNull(pool), List.copyOf(endpoints)));
        workers = Collections.unmodifiableMap(workersCopy);
        Map<String, PoolOverride> poolsCopy = new LinkedHashMap<>();
        pools.forEach((pool, override) -> poolsCopy.put(Objects.requireNonNull(pool), Objects.requireNonNull(override)));
        pools = Collections.unmodifiableMap(poolsCopy);
        routes = List.copyOf(routes);
        upstreamKeepAlive = upstreamKeepAlive == null ? UpstreamConnectionSettings.DEFAULTS : upstreamKeepAlive;
    }

    /** A config with the engine's default upstream keep-alive (for code that builds configs by hand). */
    public RouterConfig(ProxySettings proxy, HostPort admin, SynapseSettings synapse, Map<String, List<HostPort>> workers,
                        Map<String, PoolOverride> pools, List<RouteRule> routes, WhoamiSettings whoami,
                        HealthCheckSettings healthChecks, AccessLogSettings accessLog) {
        this(proxy, admin, synapse, workers, pools, routes, whoami, healthChecks, accessLog, null);
    }

    /** The endpoints of a worker pool; empty when the file lists none. */
    public List<HostPort> workers(String pool) {
        return workers.getOrDefault(pool, List.of());
    }
}

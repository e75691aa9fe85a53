package io.synapserouter.routing.pool;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.PoolNames;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.SynapseSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every upstream pool of a deployment, by name: {@code main} (Synapse's client listener),
 * {@code main_federation} (its federation listener), one per configured worker pool with at least one
 * worker, and one per address an operator route sends to ({@link #upstreamPoolName}). Built once;
 * the pools' endpoints carry the run-time state (availability, outstanding requests).
 */
public final class PoolRegistry {

    private final Map<String, UpstreamPool> pools;
    private final Map<String, PoolOverride> overrides;

    private PoolRegistry(Map<String, UpstreamPool> pools, Map<String, PoolOverride> overrides) {
        this.pools = Collections.unmodifiableMap(pools);
        this.overrides = overrides;
    }

    /**
     * @throws IllegalArgumentException naming the key when {@code synapse.client} is missing
     */
    public static PoolRegistry fromConfig(RouterConfig config) {
        SynapseSettings synapse = config.synapse();
        if (synapse == null || synapse.client() == null) {
            throw new IllegalArgumentException("synapse.client: the main process's client listener is required");
        }
        HostPort federation = synapse.federation() != null ? synapse.federation() : synapse.client();
        Set<String> keyed = keyedPools(config.routes());
        Map<String, PoolOverride> overrides = config.pools();

        Map<String, UpstreamPool> pools = new LinkedHashMap<>();
        put(pools, PoolNames.MAIN, List.of(synapse.client()), overrides, keyed);
        put(pools, PoolNames.MAIN_FEDERATION, List.of(federation), overrides, keyed);
        config.workers().forEach((name, workers) -> {
            if (!workers.isEmpty()) {
                put(pools, name, workers, overrides, keyed);
            }
        });
        for (RouteRule rule : config.routes()) {
            if (rule.upstream() != null) {
                String name = upstreamPoolName(rule.upstream());
                if (!pools.containsKey(name)) {
                    put(pools, name, List.of(rule.upstream()), overrides, keyed);
                }
            }
        }
        return new PoolRegistry(pools, overrides);
    }

    /** The name of the ad-hoc pool for an operator route's {@code upstream:} address. */
    public static String upstreamPoolName(HostPort address) {
        return "upstream:" + address;
    }

    /** The pool, or null when it has no workers (or does not exist). */
    public UpstreamPool pool(String name) {
        return pools.get(name);
    }

    /** True when the pool exists and has at least one endpoint configured. */
    public boolean hasWorkers(String name) {
        return pools.containsKey(name);
    }

    public UpstreamPool main() {
        return pools.get(PoolNames.MAIN);
    }

    public UpstreamPool mainFederation() {
        return pools.get(PoolNames.MAIN_FEDERATION);
    }

    /** {@code pools.<name>.when_empty}, or null when not overridden. */
    public PoolOverride.WhenEmpty whenEmpty(String name) {
        PoolOverride override = overrides.get(name);
        return override == null ? null : override.whenEmpty();
    }

    /** Every pool: main, main_federation, workers in config order, then ad-hoc upstreams. */
    public Collection<UpstreamPool> all() {
        return pools.values();
    }

    /** Every endpoint of every pool, for health checking and address resolution. */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        pools.values().forEach(p -> all.addAll(p.endpoints()));
        return all;
    }

    private static void put(Map<String, UpstreamPool> pools, String name, List<HostPort> addresses,
                            Map<String, PoolOverride> overrides, Set<String> keyed) {
        PoolOverride override = overrides.get(name);
        Balancing balancing = override != null && override.balancing() != null
                ? override.balancing()
                : PoolDefaults.balancing(name, keyed.contains(name));
        List<Endpoint> endpoints = new ArrayList<>(addresses.size());
        for (HostPort address : addresses) {
            endpoints.add(new Endpoint(name, address.host(), address.port()));
        }
        pools.put(name, new UpstreamPool(name, endpoints, balancing));
    }

    private static Set<String> keyedPools(List<RouteRule> routes) {
        Set<String> keyed = new HashSet<>();
        for (RouteRule rule : routes) {
            if (rule.key() != null && rule.key() != KeyKind.NONE) {
                keyed.add(rule.pool() != null ? rule.pool() : upstreamPoolName(rule.upstream()));
            }
        }
        return keyed;
    }
}

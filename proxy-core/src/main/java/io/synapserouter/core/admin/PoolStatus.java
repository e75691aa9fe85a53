package io.synapserouter.core.admin;

import io.synapserouter.core.balance.ConsistentHashBalancer;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A snapshot of one pool for {@code /status}: only configured names and counters, never anything a
 * request carried.
 *
 * @param name      the pool name
 * @param balancing the balancing strategy
 * @param ringSize  points on the consistent-hash ring, or null when the pool is not hashed
 * @param available how many endpoints are in rotation
 * @param endpoints each endpoint's state
 */
public record PoolStatus(String name, String balancing, Integer ringSize, int available, List<EndpointStatus> endpoints) {

    /**
     * @param id          {@code host:port} as configured
     * @param available   whether it is in rotation
     * @param outstanding requests in flight to it
     */
    public record EndpointStatus(String id, boolean available, int outstanding) {
    }

    public static PoolStatus of(UpstreamPool pool) {
        List<EndpointStatus> endpoints = new ArrayList<>(pool.endpoints().size());
        int available = 0;
        for (Endpoint endpoint : pool.endpoints()) {
            boolean up = endpoint.available();
            if (up) {
                available++;
            }
            endpoints.add(new EndpointStatus(endpoint.id(), up, endpoint.outstanding()));
        }
        Integer ringSize = pool.balancer() instanceof ConsistentHashBalancer hashed ? hashed.ring().size() : null;
        return new PoolStatus(pool.name(), pool.balancing().name().toLowerCase(java.util.Locale.ROOT), ringSize,
                available, List.copyOf(endpoints));
    }

    public static List<PoolStatus> of(Collection<UpstreamPool> pools) {
        List<PoolStatus> result = new ArrayList<>(pools.size());
        for (UpstreamPool pool : pools) {
            result.add(of(pool));
        }
        return List.copyOf(result);
    }
}

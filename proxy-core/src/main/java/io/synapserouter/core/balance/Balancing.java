package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.util.List;

/** The balancing strategies a pool can be configured with. */
public enum Balancing {
    /** Sticky: a {@link HashRing} over the endpoints; requests without a key go to the least busy. */
    CONSISTENT_HASH,
    /** The available endpoint with the fewest requests in flight. */
    LEAST_OUTSTANDING,
    /** The available endpoints in turn. */
    ROUND_ROBIN;

    public Balancer create(List<Endpoint> endpoints) {
        return switch (this) {
            case CONSISTENT_HASH -> new ConsistentHashBalancer(endpoints);
            case LEAST_OUTSTANDING -> new LeastOutstandingBalancer(endpoints);
            case ROUND_ROBIN -> new RoundRobinBalancer(endpoints);
        };
    }
}

package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.util.List;

/**
 * Sticky balancing: a request with a key goes where the {@link HashRing} puts that key; a request
 * without one has nothing to stick to and goes to the least busy endpoint instead.
 */
public final class ConsistentHashBalancer implements Balancer {

    private final HashRing ring;
    private final Balancer keyless;

    public ConsistentHashBalancer(List<Endpoint> endpoints) {
        this(new HashRing(endpoints), new LeastOutstandingBalancer(endpoints));
    }

    public ConsistentHashBalancer(HashRing ring, Balancer keyless) {
        this.ring = ring;
        this.keyless = keyless;
    }

    @Override
    public Endpoint select(String key, Endpoint exclude) {
        return key == null ? keyless.select(null, exclude) : ring.select(key, exclude);
    }

    public HashRing ring() {
        return ring;
    }
}

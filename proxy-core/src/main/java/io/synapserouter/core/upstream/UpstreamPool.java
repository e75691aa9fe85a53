package io.synapserouter.core.upstream;

import io.synapserouter.core.balance.Balancer;
import io.synapserouter.core.balance.Balancing;
import java.util.List;

/** A named set of endpoints that serve the same requests, with the balancer that picks among them. */
public final class UpstreamPool {

    private final String name;
    private final List<Endpoint> endpoints;
    private final Balancing balancing;
    private final Balancer balancer;

    public UpstreamPool(String name, List<Endpoint> endpoints, Balancing balancing) {
        this.name = name;
        this.endpoints = List.copyOf(endpoints);
        this.balancing = balancing;
        this.balancer = balancing.create(this.endpoints);
    }

    public String name() {
        return name;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public Balancing balancing() {
        return balancing;
    }

    public boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /**
     * Picks an available endpoint for {@code key} (null when the request has none), avoiding
     * {@code exclude} (a retry's first choice) when another is available; null when none is.
     */
    public Endpoint select(String key, Endpoint exclude) {
        return balancer.select(key, exclude);
    }

    public Balancer balancer() {
        return balancer;
    }

    @Override
    public String toString() {
        return name + endpoints;
    }
}

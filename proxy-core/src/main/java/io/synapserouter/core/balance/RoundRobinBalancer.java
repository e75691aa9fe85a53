package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes the endpoints in turn, passing over unavailable ones. Lock-free: one shared counter, so
 * concurrent picks from several event loops still spread evenly.
 */
public final class RoundRobinBalancer implements Balancer {

    private final Endpoint[] endpoints;
    private final AtomicInteger turn = new AtomicInteger();

    public RoundRobinBalancer(List<Endpoint> endpoints) {
        this.endpoints = endpoints.toArray(new Endpoint[0]);
    }

    @Override
    public Endpoint select(String key, Endpoint exclude) {
        int n = endpoints.length;
        if (n == 0) {
            return null;
        }
        int i = Math.floorMod(turn.getAndIncrement(), n);
        for (int step = 0; step < n; step++) {
            Endpoint candidate = endpoints[i];
            if (candidate != exclude && candidate.available()) {
                return candidate;
            }
            if (++i == n) {
                i = 0;
            }
        }
        return exclude != null && exclude.available() ? exclude : null;
    }
}

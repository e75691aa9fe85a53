package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the available endpoint with the fewest requests in flight. Each pick starts its scan at the
 * next endpoint in turn and keeps the first of equal candidates, so endpoints that are equally busy
 * (an idle pool above all) share the load instead of the first one taking everything.
 */
public final class LeastOutstandingBalancer implements Balancer {

    private final Endpoint[] endpoints;
    private final AtomicInteger turn = new AtomicInteger();

    public LeastOutstandingBalancer(List<Endpoint> endpoints) {
        this.endpoints = endpoints.toArray(new Endpoint[0]);
    }

    @Override
    public Endpoint select(String key, Endpoint exclude) {
        int n = endpoints.length;
        if (n == 0) {
            return null;
        }
        int i = Math.floorMod(turn.getAndIncrement(), n);
        Endpoint best = null;
        int fewest = Integer.MAX_VALUE;
        for (int step = 0; step < n; step++) {
            Endpoint candidate = endpoints[i];
            if (candidate != exclude && candidate.available()) {
                int outstanding = candidate.outstanding();
                if (outstanding < fewest) {
                    best = candidate;
                    fewest = outstanding;
                }
            }
            if (++i == n) {
                i = 0;
            }
        }
        if (best == null && exclude != null && exclude.available()) {
            return exclude;
        }
        return best;
    }
}

package io.synapserouter.routing;

import io.synapserouter.core.route.Route;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.routing.config.KeyKind;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where an active rule sends a request, prepared once: the route (pool and first fallback), the key
 * to take, and for keyless routes a shared completed stage, so that most decisions allocate nothing.
 *
 * <p>A route carries one fallback. For a longer chain (initial sync → sync → main) the destination
 * skips, at decision time, the leading pools that have no available endpoint.
 */
final class Destination {

    private final String name;
    private final KeyKind key;
    private final Route[] steps;
    private final CompletableFuture<Route> fixed;

    Destination(String name, KeyKind key, List<UpstreamPool> chain) {
        this.name = name;
        this.key = key;
        int count = Math.max(1, chain.size() - 1);
        this.steps = new Route[count];
        for (int i = 0; i < count; i++) {
            UpstreamPool fallback = i + 1 < chain.size() ? chain.get(i + 1) : null;
            steps[i] = new Route(name, chain.get(i), null, fallback);
        }
        this.fixed = key == KeyKind.NONE && steps.length == 1 ? CompletableFuture.completedFuture(steps[0]) : null;
    }

    String name() {
        return name;
    }

    KeyKind key() {
        return key;
    }

    /** The shared completed stage of a keyless single-step destination, else null. */
    CompletableFuture<Route> fixed() {
        return fixed;
    }

    /** The route without a key: the first step whose pool has an available endpoint, else the last. */
    Route route() {
        if (steps.length == 1) {
            return steps[0];
        }
        for (int i = 0; i < steps.length - 1; i++) {
            if (hasAvailable(steps[i].pool())) {
                return steps[i];
            }
        }
        return steps[steps.length - 1];
    }

    private static boolean hasAvailable(UpstreamPool pool) {
        List<Endpoint> endpoints = pool.endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            if (endpoints.get(i).available()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + "->" + steps[0].pool().name();
    }
}

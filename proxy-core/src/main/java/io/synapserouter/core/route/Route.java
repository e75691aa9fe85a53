package io.synapserouter.core.route;

import io.synapserouter.core.upstream.UpstreamPool;

/**
 * Where one request goes.
 *
 * @param name     the rule that matched, for logs and debug headers (bounded: a rule name, never a path)
 * @param pool     the pool whose balancer picks the endpoint
 * @param key      the balancing key for hashed pools (a user, room or origin), or null when there is none
 * @param fallback the pool to use when {@code pool} has no available endpoint, or null to answer 503
 */
public record Route(String name, UpstreamPool pool, String key, UpstreamPool fallback) {

    public Route {
        if (name == null || pool == null) {
            throw new IllegalArgumentException("a route needs a name and a pool");
        }
    }

    public Route withKey(String newKey) {
        return new Route(name, pool, newKey, fallback);
    }
}

package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;

/** Picks one available endpoint of a fixed set. Called on event loops: it must not block. */
public interface Balancer {

    /**
     * @param key     the balancing key, or null when the request has none (hashed balancers then
     *                fall back to least outstanding)
     * @param exclude an endpoint to avoid if another is available (a retry's first choice), or null
     * @return an available endpoint, or null when none is
     */
    Endpoint select(String key, Endpoint exclude);
}

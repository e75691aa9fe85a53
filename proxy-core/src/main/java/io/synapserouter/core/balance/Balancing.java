package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.util.List;

/** The balancing strategies a pool can be configured with. */
public enum Balancing {
    CONSISTENT_HASH,
    LEAST_OUTSTANDING,
    ROUND_ROBIN;

    public Balancer create(List<Endpoint> endpoints) {
        // TODO(balance): HashRing-backed and round-robin balancers; least outstanding stands in for all until then.
        return (key, exclude) -> {
            Endpoint best = null;
            for (Endpoint e : endpoints) {
                if (!e.available() || e == exclude) {
                    continue;
                }
                if (best == null || e.outstanding() < best.outstanding()) {
                    best = e;
                }
            }
            if (best == null && exclude != null && exclude.available()) {
                return exclude;
            }
            return best;
        };
    }
}

package io.synapserouter.routing.pool;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.routing.config.PoolNames;

/**
 * The balancing each pool gets unless {@code pools.<name>.balancing} says otherwise, after what
 * the nginx companion and Element's deployment do (synapse-facts §3).
 */
public final class PoolDefaults {

    private PoolDefaults() {
    }

    /**
     * @param pool     a pool name
     * @param keyed    whether some rule sends this pool a balancing key (decides custom pools only)
     */
    public static Balancing balancing(String pool, boolean keyed) {
        switch (pool) {
            case PoolNames.ROOM, PoolNames.SYNC, PoolNames.INITIAL_SYNC, PoolNames.FEDERATION_READER, PoolNames.GENERIC:
                return Balancing.CONSISTENT_HASH;
            case PoolNames.CLIENT_READER, PoolNames.MEDIA_REPOSITORY:
                return Balancing.LEAST_OUTSTANDING;
            case PoolNames.MAIN, PoolNames.MAIN_FEDERATION, PoolNames.USER_DIR:
                return Balancing.ROUND_ROBIN;
            default:
                if (PoolNames.STREAM_WRITERS.contains(pool)) {
                    return Balancing.ROUND_ROBIN;
                }
                // An operator's own pool: sticky when its routes give it something to stick on.
                return keyed ? Balancing.CONSISTENT_HASH : Balancing.LEAST_OUTSTANDING;
        }
    }
}

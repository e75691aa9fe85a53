package io.synapserouter.routing.config;

import io.synapserouter.core.balance.Balancing;

/**
 * {@code pools.<name>}: overrides of a pool's defaults; a null field keeps the default.
 *
 * @param balancing {@code consistent_hash}, {@code least_outstanding} or {@code round_robin}
 * @param whenEmpty what to do when the pool has no available endpoint
 */
public record PoolOverride(Balancing balancing, WhenEmpty whenEmpty) {

    /** What a request does when its pool has no available endpoint. */
    public enum WhenEmpty {
        /** Go to the main process (the default, except for media and SSO). */
        MAIN,
        /** Answer 503 with a Matrix JSON error. */
        ERROR
    }
}

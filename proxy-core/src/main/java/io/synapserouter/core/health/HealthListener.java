package io.synapserouter.core.health;

import io.synapserouter.core.upstream.Endpoint;

/**
 * Told when an endpoint goes in or out of rotation (for metrics: ejection counters, a 0/1 gauge).
 * Called on an event loop after {@link Endpoint#available()} has changed; must not block.
 */
@FunctionalInterface
public interface HealthListener {

    void onHealthChange(Endpoint endpoint, boolean available, HealthReason reason);

    HealthListener NONE = (endpoint, available, reason) -> { };

    /** This listener, then {@code next}. */
    default HealthListener andThen(HealthListener next) {
        return (endpoint, available, reason) -> {
            onHealthChange(endpoint, available, reason);
            next.onHealthChange(endpoint, available, reason);
        };
    }
}

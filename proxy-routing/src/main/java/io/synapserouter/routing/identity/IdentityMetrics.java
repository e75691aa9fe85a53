package io.synapserouter.routing.identity;

/**
 * Where {@link WhoamiResolver} reports what it does, for whoever keeps metrics. Every method has a
 * no-op default; implementations must be cheap and must not block (they run on event loops).
 * Cache size, evictions and hit ratio come from the Caffeine cache itself, see
 * {@link WhoamiResolver#cache()}.
 */
public interface IdentityMetrics {

    /** Reports nothing. */
    IdentityMetrics NONE = new IdentityMetrics() {
    };

    /**
     * Called once per request with one of {@code NO_TOKEN, HIT, MISS, COALESCED, BREAKER_OPEN}, and once
     * per finished lookup with one of {@code OK, UNAUTHORIZED, ERROR, TIMEOUT}.
     */
    default void outcome(IdentityOutcome outcome) {
    }

    /** How long one whoami lookup took, with its result ({@link IdentityOutcome#isLookupResult()}). */
    default void lookupLatency(IdentityOutcome result, long nanos) {
    }

    /** The breaker opened: lookups are skipped and fallback keys used. */
    default void breakerOpened() {
    }

    /** The breaker closed again: whoami answers. */
    default void breakerClosed() {
    }
}

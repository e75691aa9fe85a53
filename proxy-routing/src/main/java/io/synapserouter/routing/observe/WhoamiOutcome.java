package io.synapserouter.routing.observe;

import java.util.Locale;

/**
 * How one identity lookup went. The first three say how the cache answered a request that needed a
 * user key; the others say how a call to Synapse's whoami (caused by a miss) ended.
 */
public enum WhoamiOutcome {
    /** The cache held the token's user (or its cached rejection). */
    HIT(true),
    /** Not cached: this request started a whoami call. */
    MISS(true),
    /** Not cached, but a whoami call for the same token was already in flight: this request joined it. */
    COALESCED(true),
    /** Synapse answered 200 with a user id. */
    OK(false),
    /** Synapse rejected the token (401/403). */
    UNAUTHORIZED(false),
    /** The call failed: refused, reset, 5xx, 429, or an unreadable answer. */
    ERROR(false),
    /** No answer within the lookup timeout. */
    TIMEOUT(false),
    /** Not attempted: the circuit breaker is open after repeated failures. */
    BREAKER_OPEN(false);

    private final boolean cacheOutcome;
    private final String label;

    WhoamiOutcome(boolean cacheOutcome) {
        this.cacheOutcome = cacheOutcome;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** True for {@link #HIT}, {@link #MISS}, {@link #COALESCED}. */
    public boolean isCacheOutcome() {
        return cacheOutcome;
    }

    /** The metric label value: {@code hit}, {@code breaker_open}, … */
    public String label() {
        return label;
    }
}

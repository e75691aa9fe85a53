package io.synapserouter.routing.observe;

import java.util.Locale;

/**
 * How one identity request went, or how one whoami lookup ended. Mirrors the identity resolver's
 * outcomes one to one (it reports them through {@link WhoamiMetrics}), so the adapter between the
 * two is a lookup by name.
 */
public enum WhoamiOutcome {
    /** Request: it carried no usable token. */
    NO_TOKEN,
    /** Request: answered from the cache. */
    HIT,
    /** Request: not cached, it started a whoami lookup. */
    MISS,
    /** Request: not cached, it joined a lookup for the same token already in flight. */
    COALESCED,
    /** Request: the circuit breaker is open, so no lookup; the fallback key was used. */
    BREAKER_OPEN,
    /** Lookup: Synapse named the user. */
    OK,
    /** Lookup: Synapse rejected the token (401/403). */
    UNAUTHORIZED,
    /** Lookup: refused, reset, 5xx, 429, an unexpected status or an unreadable answer. */
    ERROR,
    /** Lookup: no answer within the lookup timeout. */
    TIMEOUT;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metric label value: {@code hit}, {@code breaker_open}, … */
    public String label() {
        return label;
    }

    /** True for the four outcomes that end a whoami lookup; false for per-request outcomes. */
    public boolean isLookupResult() {
        return this == OK || this == UNAUTHORIZED || this == ERROR || this == TIMEOUT;
    }
}

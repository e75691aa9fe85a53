package io.synapserouter.routing.identity;

import java.util.Locale;

/**
 * What happened to one identity request or one whoami lookup. A bounded set, so {@link #tag()} is
 * safe as a metric label.
 */
public enum IdentityOutcome {
    /** The request carried no usable token. */
    NO_TOKEN,
    /** Answered from the cache. */
    HIT,
    /** Not cached: this request started a lookup. */
    MISS,
    /** Not cached, but a lookup for the same token was already running: this request joined it. */
    COALESCED,
    /** The breaker is open: no lookup, the fallback key was used at once. */
    BREAKER_OPEN,
    /** Lookup result: whoami named the user. */
    OK,
    /** Lookup result: whoami answered 401 or 403. */
    UNAUTHORIZED,
    /** Lookup result: refused connection, 5xx, 429, an unexpected status or an unreadable answer. */
    ERROR,
    /** Lookup result: no answer within {@code whoami.timeout}. */
    TIMEOUT;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, e.g. {@code breaker_open}. */
    public String tag() {
        return tag;
    }

    /** True for the four outcomes that end a whoami lookup. */
    public boolean isLookupResult() {
        return this == OK || this == UNAUTHORIZED || this == ERROR || this == TIMEOUT;
    }
}

package io.synapserouter.routing.identity.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One cached answer about a token: the user key it routes by and how long that holds. The completed
 * stage is built once, so every cache hit hands out the same object instead of a new future.
 */
public final class Resolution {

    /** What the lookup found out. */
    public enum Kind {
        /** whoami named the user. */
        USER,
        /** whoami refused the token (401/403): Synapse will refuse the request too. */
        REJECTED,
        /** whoami could not answer; the key is a fallback. */
        FAILED
    }

    private final Kind kind;
    private final String userKey;
    private final Duration ttl;
    private final CompletionStage<String> stage;

    public Resolution(Kind kind, String userKey, Duration ttl) {
        this.kind = kind;
        this.userKey = userKey;
        this.ttl = ttl;
        this.stage = CompletableFuture.completedStage(userKey);
    }

    public Kind kind() {
        return kind;
    }

    /** The routing key, or null for a rejected token. */
    public String userKey() {
        return userKey;
    }

    /** How long the cache may keep this answer. */
    public Duration ttl() {
        return ttl;
    }

    /** An already-completed stage holding {@link #userKey()}; callers cannot complete it. */
    public CompletionStage<String> stage() {
        return stage;
    }

    @Override
    public String toString() {
        return kind + "(" + userKey + ")";
    }
}

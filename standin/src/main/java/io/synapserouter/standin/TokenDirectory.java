package io.synapserouter.standin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The access tokens the stand-in's whoami knows, and how often whoami was asked about each. */
public final class TokenDirectory {

    /**
     * How whoami behaves, switchable while running so tests can take it down or slow it:
     * {@code RATE_LIMITED} answers 429 {@code M_LIMIT_EXCEEDED}, {@code GARBAGE} answers 200 with a body
     * that is not JSON.
     */
    public enum Mode { NORMAL, FAIL_500, HANG, RATE_LIMITED, GARBAGE }

    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callsPerToken = new ConcurrentHashMap<>();
    private final LongAdder calls = new LongAdder();
    private final AtomicLong delayMillis = new AtomicLong();
    private volatile WhoamiRequest lastRequest;
    private volatile Mode mode = Mode.NORMAL;

    public TokenDirectory put(String token, String userId) {
        users.put(token, userId);
        return this;
    }

    public String userOf(String token) {
        return users.get(token);
    }

    void recordCall(String token) {
        calls.increment();
        callsPerToken.computeIfAbsent(token == null ? "" : token, t -> new LongAdder()).increment();
    }

    void recordRequest(WhoamiRequest request) {
        lastRequest = request;
    }

    /** The most recent whoami call's target and headers, or null before the first. */
    public WhoamiRequest lastRequest() {
        return lastRequest;
    }

    public long calls() {
        return calls.sum();
    }

    public long callsFor(String token) {
        LongAdder adder = callsPerToken.get(token);
        return adder == null ? 0 : adder.sum();
    }

    public void resetCounts() {
        calls.reset();
        callsPerToken.clear();
    }

    public Mode mode() {
        return mode;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public long delayMillis() {
        return delayMillis.get();
    }

    /** Adds latency to every whoami answer. */
    public void delayMillis(long millis) {
        delayMillis.set(millis);
    }
}

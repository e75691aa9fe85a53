package io.synapserouter.routing.identity.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Stops calling a dependency that keeps failing. Closed, it lets every call through and counts
 * consecutive failures; at the threshold it opens and refuses calls for a while; then it lets exactly
 * one probe through (half-open). The probe's success closes it, its failure opens it again. Any
 * success closes it: a call that started before the breaker opened and then succeeded is evidence
 * enough.
 *
 * <p>The closed state, by far the common one, costs one volatile read per call.
 */
public final class CircuitBreaker {

    /** What {@link #tryAcquire()} granted; a granted permit ends in exactly one of success, failure or release. */
    public enum Permit { CALL, PROBE, DENIED }

    /** Told about the transitions that matter to an operator. */
    public interface Listener {
        void opened(int consecutiveFailures);

        void closed();
    }

    private enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;
    private final Listener listener;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile State state = State.CLOSED;
    private volatile long openUntil;

    public CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoClock, Listener listener) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    public Permit tryAcquire() {
        State s = state;
        if (s == State.CLOSED) {
            return Permit.CALL;
        }
        if (s == State.HALF_OPEN || nanoClock.getAsLong() - openUntil < 0) {
            return Permit.DENIED;
        }
        synchronized (this) {
            if (state == State.CLOSED) {
                return Permit.CALL;
            }
            if (state == State.OPEN && nanoClock.getAsLong() - openUntil >= 0) {
                state = State.HALF_OPEN;
                return Permit.PROBE;
            }
            return Permit.DENIED;
        }
    }

    public void success() {
        if (state == State.CLOSED) {
            if (consecutiveFailures.get() != 0) {
                consecutiveFailures.set(0);
            }
            return;
        }
        boolean closedNow;
        synchronized (this) {
            closedNow = state != State.CLOSED;
            state = State.CLOSED;
            consecutiveFailures.set(0);
        }
        if (closedNow) {
            listener.closed();
        }
    }

    public void failure(Permit permit) {
        if (permit == Permit.PROBE) {
            synchronized (this) {
                if (state == State.HALF_OPEN) {
                    openUntil = nanoClock.getAsLong() + openForNanos;
                    state = State.OPEN;
                }
            }
            return;
        }
        if (state != State.CLOSED) {
            return; // a straggler from before the breaker opened; the probe decides what happens next
        }
        int failures = consecutiveFailures.incrementAndGet();
        if (failures < threshold) {
            return;
        }
        boolean openedNow = false;
        synchronized (this) {
            if (state == State.CLOSED) {
                openUntil = nanoClock.getAsLong() + openForNanos;
                state = State.OPEN;
                openedNow = true;
            }
        }
        if (openedNow) {
            listener.opened(failures);
        }
    }

    /** Hands back a permit that was not used for a call, so that an unused probe does not wedge the breaker. */
    public void release(Permit permit) {
        if (permit != Permit.PROBE) {
            return;
        }
        synchronized (this) {
            if (state == State.HALF_OPEN) {
                state = State.OPEN; // openUntil has passed: the next caller probes
            }
        }
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** True while calls are refused (open, or half-open with the probe out). */
    public boolean isRefusing() {
        State s = state;
        return s == State.HALF_OPEN || s == State.OPEN && nanoClock.getAsLong() - openUntil < 0;
    }
}

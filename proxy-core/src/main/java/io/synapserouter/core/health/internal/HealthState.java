package io.synapserouter.core.health.internal;

import io.synapserouter.core.health.HealthReason;

/**
 * The health of one upstream process: the rise/fall state machine with passive ejection. Pure logic,
 * no threads: its owner calls it from one thread at a time.
 *
 * <ul>
 *   <li>It starts available, so start-up waits for nothing; but if the very first check fails the
 *       process goes out at once (nothing says it ever worked), as after a passive failure: one
 *       passing check brings it back, so a first check that was merely slow (a cold JVM at
 *       start-up) costs one interval, not {@code rise}.
 *   <li>Once it has been seen, {@code fall} consecutive failures take it out and {@code rise}
 *       consecutive passes bring it back.
 *   <li>A passive failure (refused or reset connection) takes it out at once; then one passing check
 *       brings it back, because the active check is the better witness and a spurious ejection should
 *       cost at most one interval. If instead {@code fall} checks fail while it is out, it is treated
 *       as actively failed and needs {@code rise} passes.
 *   <li>A check that began before the latest passive failure says nothing about the process after
 *       it: its result is ignored ({@link #epoch()}).
 * </ul>
 */
public final class HealthState {

    private final int rise;
    private final int fall;
    private boolean available = true;
    private boolean ejected;
    private boolean seen;
    private int passes;
    private int failures;
    private long epoch;

    public HealthState(int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1 (rise " + rise + ", fall " + fall + ")");
        }
        this.rise = rise;
        this.fall = fall;
    }

    public boolean available() {
        return available;
    }

    /** Taken when a check begins and handed back with its result. */
    public long epoch() {
        return epoch;
    }

    /** @return the change this result causes, or null when availability stays as it is */
    public HealthReason onCheck(long checkEpoch, boolean passed) {
        if (checkEpoch != epoch) {
            return null;
        }
        boolean first = !seen;
        seen = true;
        if (passed) {
            failures = 0;
            passes++;
            if (!available && (ejected || passes >= rise)) {
                available = true;
                ejected = false;
                return HealthReason.RECOVERED;
            }
            return null;
        }
        passes = 0;
        failures++;
        if (available && first) {
            available = false;
            ejected = true; // back after one pass, like a passive ejection
            return HealthReason.ACTIVE_FAIL;
        }
        if (available && failures >= fall) {
            available = false;
            return HealthReason.ACTIVE_FAIL;
        }
        if (ejected && failures >= fall) {
            ejected = false;
        }
        return null;
    }

    /** @return {@link HealthReason#PASSIVE_EJECT} when this takes the process out, else null */
    public HealthReason onPassiveFailure() {
        epoch++;
        passes = 0;
        if (!available) {
            return null;
        }
        available = false;
        ejected = true;
        failures = 0;
        return HealthReason.PASSIVE_EJECT;
    }
}

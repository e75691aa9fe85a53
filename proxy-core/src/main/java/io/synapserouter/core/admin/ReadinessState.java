package io.synapserouter.core.admin;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The usual readiness source: not ready until {@link #markLoaded()}, then ready while the required
 * upstream is reachable, and draining for good once {@link #startDraining()} was called.
 */
public final class ReadinessState implements ReadinessSource {

    private final BooleanSupplier upstreamReachable;
    private volatile boolean loaded;
    private volatile boolean draining;

    /**
     * @param upstreamReachable read on every check; e.g. the main process endpoint's
     *                          {@link io.synapserouter.core.upstream.Endpoint#available()}
     */
    public ReadinessState(BooleanSupplier upstreamReachable) {
        this.upstreamReachable = Objects.requireNonNull(upstreamReachable, "upstreamReachable");
    }

    /** Configuration is loaded and the listeners are bound. */
    public void markLoaded() {
        loaded = true;
    }

    /** Shutdown began; irreversible. */
    public void startDraining() {
        draining = true;
    }

    @Override
    public Readiness readiness() {
        if (draining) {
            return Readiness.DRAINING;
        }
        if (!loaded) {
            return Readiness.STARTING;
        }
        return upstreamReachable.getAsBoolean() ? Readiness.READY : Readiness.UPSTREAM_UNREACHABLE;
    }
}

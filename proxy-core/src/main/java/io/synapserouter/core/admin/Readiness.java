package io.synapserouter.core.admin;

/** Whether the process should receive traffic, as {@code /ready} reports it. */
public enum Readiness {
    /** Configuration is not loaded yet, or listeners are not bound. */
    STARTING,
    /** Running, but the upstream that must answer (Synapse's main process) cannot be reached. */
    UPSTREAM_UNREACHABLE,
    /** Serving. The only state in which {@code /ready} answers 200. */
    READY,
    /** Shutting down: in-flight requests finish, new traffic should go elsewhere. */
    DRAINING;

    /** The JSON value of {@code status}: {@code starting}, {@code upstream_unreachable}, … */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

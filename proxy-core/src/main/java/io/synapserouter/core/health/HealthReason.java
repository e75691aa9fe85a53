package io.synapserouter.core.health;

/** Why an endpoint's availability changed. */
public enum HealthReason {
    /** Active checks failed: {@code fall} in a row, or the very first check. */
    ACTIVE_FAIL("active_fail"),
    /** The engine saw a connection refused or reset: out at once, until an active check passes. */
    PASSIVE_EJECT("passive_eject"),
    /**
     * Active checks passed again: one after a passive ejection or a failed first check, {@code rise}
     * after {@code fall} failures.
     */
    RECOVERED("recovered");

    private final String label;

    HealthReason(String label) {
        this.label = label;
    }

    /** A short lower-case name, fit for a metric label or a log line. */
    public String label() {
        return label;
    }
}

package io.synapserouter.core.observe;

/** Why an endpoint was taken out of rotation; a bounded set, used as a metric label. */
public enum EjectionCause {
    /** Connections were refused or reset before any response byte (passive ejection). */
    PASSIVE,
    /** Active health checks failed {@code fall} times in a row. */
    HEALTH_CHECK;

    /** The label value: {@code passive}, {@code health_check}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.synapserouter.core.observe.internal;

/**
 * Turns exchange fields into metric label values from small fixed sets, so that no request can mint a
 * new series.
 */
public final class Labels {

    /** The value of a label whose field was absent (no pool, no route, no upstream). */
    public static final String NONE = "none";

    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private Labels() {
    }

    /** {@code 2xx} … {@code 5xx}; {@code none} when no status was sent, {@code other} outside 100–599. */
    public static String statusClass(int status) {
        if (status == 0) {
            return STATUS_CLASSES[0];
        }
        if (status < 100 || status > 599) {
            return "other";
        }
        return STATUS_CLASSES[status / 100];
    }

    public static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    /**
     * The kind of an answer the proxy gave itself, named after its status: the engine's own error
     * kinds map one to one, except that both "no upstream" and "shutting down" are 503.
     */
    public static String localErrorKind(int status) {
        switch (status) {
            case 400: return "bad_request";
            case 408: return "request_timeout";
            case 413: return "too_large";
            case 414: return "uri_too_long";
            case 431: return "headers_too_large";
            case 502: return "bad_gateway";
            case 503: return "unavailable";
            case 504: return "gateway_timeout";
            default: return status == 0 ? "no_status" : "status_" + statusClass(status);
        }
    }
}

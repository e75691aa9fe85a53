package io.synapserouter.routing.config;

/**
 * {@code access_log:}.
 *
 * @param enabled whether one line per request is written (logger {@code synapse_router.access})
 * @param format  the line format
 */
public record AccessLogSettings(boolean enabled, Format format) {

    public enum Format {
        /** nginx's combined format plus pool, upstream, upstream status, request and upstream time. */
        COMBINED,
        /** combined plus route name, retry flag and outcome. */
        ROUTING_DEBUG,
        /** one JSON object per line. */
        JSON
    }
}

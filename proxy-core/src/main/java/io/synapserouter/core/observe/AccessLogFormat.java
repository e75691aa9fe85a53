package io.synapserouter.core.observe;

/** The line formats of {@link AccessLog}. */
public enum AccessLogFormat {
    /**
     * nginx's {@code combined} format followed by the routing fields:
     * {@code pool=… upstream=… upstream_status=… request_time=… upstream_time=…}; absent values are {@code -}.
     */
    COMBINED,
    /** {@link #COMBINED} plus {@code listener=… route=… retried=… outcome=…}, for tracing routing decisions. */
    ROUTING_DEBUG,
    /** One JSON object per line, with the fields of both of the others. */
    JSON
}

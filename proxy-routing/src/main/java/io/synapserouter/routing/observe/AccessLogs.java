package io.synapserouter.routing.observe;

import io.synapserouter.core.observe.AccessLog;
import io.synapserouter.core.observe.AccessLogFormat;
import io.synapserouter.routing.config.AccessLogSettings;
import java.util.Optional;
import java.util.Set;

/** Builds the access log from {@code access_log:} with the Matrix secrets it must redact. */
public final class AccessLogs {

    /**
     * Query parameters whose values never reach a log: {@code access_token} carries a Matrix access
     * token (deprecated by the spec, still accepted by Synapse).
     */
    public static final Set<String> SECRET_QUERY_PARAMETERS = Set.of("access_token");

    private AccessLogs() {
    }

    /** The access log, or empty when the settings are absent or disable it. */
    public static Optional<AccessLog> create(AccessLogSettings settings) {
        if (settings == null || !settings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new AccessLog(format(settings.format()), SECRET_QUERY_PARAMETERS));
    }

    static AccessLogFormat format(AccessLogSettings.Format format) {
        if (format == null) {
            return AccessLogFormat.COMBINED;
        }
        return switch (format) {
            case COMBINED -> AccessLogFormat.COMBINED;
            case ROUTING_DEBUG -> AccessLogFormat.ROUTING_DEBUG;
            case JSON -> AccessLogFormat.JSON;
        };
    }
}

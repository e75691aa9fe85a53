package io.synapserouter.routing.config.internal;

import io.synapserouter.core.config.ConfigNode;
import io.synapserouter.core.config.ConfigSection;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.server.UpstreamConnectionSettings;
import io.synapserouter.routing.config.AccessLogSettings;
import io.synapserouter.routing.config.ConfigDefaults;
import io.synapserouter.routing.config.WhoamiSettings;
import java.net.URI;

/**
 * The router's own services: {@code whoami}, {@code health_checks}, {@code access_log}, and how
 * upstream connections are kept ({@code upstream_keepalive}).
 */
public final class ServiceSections {

    private ServiceSections() {
    }

    /**
     * @param synapseClient the main process, for the default URL; null when {@code synapse} is itself
     *                      wrong (the result is then thrown away, but the section is still checked)
     */
    public static WhoamiSettings whoami(ConfigSection root, HostPort synapseClient) {
        ConfigSection w = root.section("whoami", Keys.WHOAMI);
        ConfigSection cache = w.section("cache", Keys.WHOAMI_CACHE);
        ConfigSection breaker = w.section("breaker", Keys.WHOAMI_BREAKER);
        URI fallbackUrl = synapseClient == null ? null : ConfigDefaults.whoamiUrl(synapseClient);
        return new WhoamiSettings(
                // Only http: lookups go to Synapse on the internal network, and the lookup client speaks no TLS.
                w.get("url", n -> n.asUri("http"), fallbackUrl),
                w.positiveDuration("timeout", ConfigDefaults.WHOAMI_TIMEOUT),
                cache.positiveDuration("ttl", ConfigDefaults.WHOAMI_TTL),
                // 0 is meaningful: do not remember rejected tokens at all.
                cache.duration("negative_ttl", ConfigDefaults.WHOAMI_NEGATIVE_TTL),
                cache.get("max_entries", n -> n.asLong(1, Long.MAX_VALUE), ConfigDefaults.WHOAMI_MAX_ENTRIES),
                breaker.integer("failures", 1, Integer.MAX_VALUE, ConfigDefaults.WHOAMI_BREAKER_FAILURES),
                breaker.positiveDuration("open_for", ConfigDefaults.WHOAMI_BREAKER_OPEN_FOR));
    }

    public static HealthCheckSettings healthChecks(ConfigSection root) {
        ConfigSection h = root.section("health_checks", Keys.HEALTH_CHECKS);
        HealthCheckSettings d = ConfigDefaults.HEALTH_CHECKS;
        return new HealthCheckSettings(
                h.positiveDuration("interval", d.interval()),
                h.positiveDuration("timeout", d.timeout()),
                h.integer("rise", 1, Integer.MAX_VALUE, d.rise()),
                h.integer("fall", 1, Integer.MAX_VALUE, d.fall()),
                h.get("path", ServiceSections::requestTarget, d.path()));
    }

    public static UpstreamConnectionSettings upstreamKeepAlive(ConfigSection root) {
        ConfigSection k = root.section("upstream_keepalive", Keys.UPSTREAM_KEEPALIVE);
        UpstreamConnectionSettings d = UpstreamConnectionSettings.DEFAULTS;
        return new UpstreamConnectionSettings(
                // 0 is meaningful: a new upstream connection for every request.
                k.integer("max_idle", 0, 65_536, d.maxIdlePerEndpoint()),
                k.positiveDuration("idle_timeout", d.idleTimeout()));
    }

    public static AccessLogSettings accessLog(ConfigSection root) {
        ConfigSection a = root.section("access_log", Keys.ACCESS_LOG);
        AccessLogSettings d = ConfigDefaults.ACCESS_LOG;
        return new AccessLogSettings(
                a.bool("enabled", d.enabled()),
                a.enumValue("format", AccessLogSettings.Format.class, d.format()));
    }

    private static String requestTarget(ConfigNode node) {
        String path = node.asText().trim();
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw node.error("'" + path + "' is not a request path; write it as Synapse serves it, e.g. /health");
        }
        return path;
    }
}

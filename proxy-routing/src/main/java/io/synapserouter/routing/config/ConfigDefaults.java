package io.synapserouter.routing.config;

import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.TimeoutSettings;
import java.net.URI;
import java.time.Duration;

/**
 * Every default of {@code router.yaml} in one place: what a key means when the file leaves it out.
 * Engine defaults that proxy-core records already declare are referenced, not repeated.
 */
public final class ConfigDefaults {

    /** Where the nginx companion listened for client-server traffic (MDAD). */
    public static final HostPort CLIENT_LISTENER = new HostPort("0.0.0.0", 8008);
    /** Metrics and health on loopback only, unless the file says otherwise. */
    public static final HostPort ADMIN_LISTENER = new HostPort("127.0.0.1", 9000);

    /** Synapse's default {@code max_upload_size}, as in MDAD's client limit. */
    public static final long CLIENT_BODY_BYTES = 50L << 20;
    /** MDAD: max(100 MB, 3 × the client limit). */
    public static final long FEDERATION_BODY_BYTES = 150L << 20;

    public static final TimeoutSettings TIMEOUTS = TimeoutSettings.DEFAULTS;
    public static final LimitSettings LIMITS = LimitSettings.DEFAULTS;
    public static final HealthCheckSettings HEALTH_CHECKS = HealthCheckSettings.DEFAULTS;

    /** Docker's DNS gives a restarted worker a new address; look again at most this often. */
    public static final Duration RESOLVE_INTERVAL = Duration.ofSeconds(5);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** 0: one event loop per core. */
    public static final int IO_THREADS = 0;
    /** TLS ends in front of the router (Traefik); untrusted peers are taken to speak plain http. */
    public static final String FORWARDED_PROTO = "http";
    public static final boolean DEBUG_HEADERS = false;

    public static final AccessLogSettings ACCESS_LOG = new AccessLogSettings(true, AccessLogSettings.Format.COMBINED);

    public static final String WHOAMI_PATH = "/_matrix/client/v3/account/whoami";
    public static final Duration WHOAMI_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration WHOAMI_TTL = Duration.ofHours(1);
    public static final Duration WHOAMI_NEGATIVE_TTL = Duration.ofMinutes(1);
    public static final long WHOAMI_MAX_ENTRIES = 100_000;
    public static final int WHOAMI_BREAKER_FAILURES = 5;
    public static final Duration WHOAMI_BREAKER_OPEN_FOR = Duration.ofSeconds(10);

    private ConfigDefaults() {
    }

    /** {@code http://<synapse.client>/_matrix/client/v3/account/whoami}: ask the main process itself. */
    public static URI whoamiUrl(HostPort synapseClient) {
        return URI.create("http://" + synapseClient + WHOAMI_PATH);
    }

    /** The whole whoami section when the file has none. */
    public static WhoamiSettings whoami(HostPort synapseClient) {
        return new WhoamiSettings(whoamiUrl(synapseClient), WHOAMI_TIMEOUT, WHOAMI_TTL, WHOAMI_NEGATIVE_TTL,
                WHOAMI_MAX_ENTRIES, WHOAMI_BREAKER_FAILURES, WHOAMI_BREAKER_OPEN_FOR);
    }
}

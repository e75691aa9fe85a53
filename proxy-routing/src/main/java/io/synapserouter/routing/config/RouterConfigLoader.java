package io.synapserouter.routing.config;

import io.synapserouter.core.config.ConfigException;
import io.synapserouter.core.config.ConfigMap;
import io.synapserouter.core.config.ConfigProblems;
import io.synapserouter.core.config.ConfigSection;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.YamlConfigReader;
import io.synapserouter.core.server.UpstreamConnectionSettings;
import io.synapserouter.routing.config.internal.Keys;
import io.synapserouter.routing.config.internal.ProxySection;
import io.synapserouter.routing.config.internal.RouteSection;
import io.synapserouter.routing.config.internal.ServiceSections;
import io.synapserouter.routing.config.internal.UpstreamSection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code router.yaml} into a validated {@link RouterConfig}, once, at start-up.
 *
 * <p>Every mistake in the file is reported at once, each naming the file, line, column and key path
 * ({@code router.yaml:7:3: listeners.clinet: unknown key (known: client, federation, admin); did you
 * mean 'client'?}), so the launcher can print {@link ConfigException#getMessage()} as it is and exit 2.
 * Defaults come from {@link ConfigDefaults}.
 */
public final class RouterConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(RouterConfigLoader.class);


    private RouterConfigLoader() {
    }

    /**
     * Loads a file, substituting the process environment.
     *
     * @throws ConfigException when the file is missing, unreadable or wrong in any way
     */
    public static RouterConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * @throws ConfigException when the file is missing, unreadable or wrong in any way
     */
    public static RouterConfig load(Path file, Map<String, String> env) {
        return build(YamlConfigReader.read(file, env));
    }

    /**
     * Reads config text.
     *
     * @param sourceName names the text in error messages
     * @param env        the variables {@code ${VAR}} may name
     * @throws ConfigException when the text is wrong in any way
     */
    public static RouterConfig parse(String yaml, String sourceName, Map<String, String> env) {
        return build(YamlConfigReader.read(yaml, sourceName, env));
    }

    private static RouterConfig build(ConfigMap document) {
        ConfigProblems problems = new ConfigProblems();
        ConfigSection root = ConfigSection.of(document, Keys.TOP_LEVEL, problems);

        ProxySection.Result engine = ProxySection.read(root);
        SynapseSettings synapse = UpstreamSection.synapse(root);
        Map<String, List<HostPort>> workers = UpstreamSection.workers(root);
        Map<String, PoolOverride> pools = UpstreamSection.pools(root);
        List<RouteRule> routes = RouteSection.read(root);
        WhoamiSettings whoami = ServiceSections.whoami(root, synapse == null ? null : synapse.client());
        HealthCheckSettings healthChecks = ServiceSections.healthChecks(root);
        AccessLogSettings accessLog = ServiceSections.accessLog(root);
        UpstreamConnectionSettings upstreamKeepAlive = ServiceSections.upstreamKeepAlive(root);

        problems.throwIfAny();
        warnAboutEmptyTargets(routes, workers);
        return new RouterConfig(engine.proxy(), engine.admin(), synapse, workers, pools, routes, whoami, healthChecks, accessLog,
                upstreamKeepAlive);
    }

    /** Legal, but likely a mistake: the empty-pool rule will decide where these requests go. */
    private static void warnAboutEmptyTargets(List<RouteRule> routes, Map<String, List<HostPort>> workers) {
        for (RouteRule rule : routes) {
            String pool = rule.pool();
            if (pool != null && !pool.equals(PoolNames.MAIN) && !pool.equals(PoolNames.MAIN_FEDERATION)
                    && workers.getOrDefault(pool, List.of()).isEmpty()) {
                log.warn("route '{}' targets pool '{}', which has no workers: its requests follow that pool's when_empty rule",
                        rule.name(), pool);
            }
        }
    }
}

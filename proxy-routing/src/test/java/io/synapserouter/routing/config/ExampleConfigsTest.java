package io.synapserouter.routing.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.ListenerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The files shipped in {@code config/} are what operators copy: they must load, and mean what they say. */
class ExampleConfigsTest {

    private static final Path CONFIG_DIR = Path.of("..", "config");

    @Test
    void theFullExampleLoadsWithEveryKeyItShows() {
        RouterConfig config = RouterConfigLoader.load(CONFIG_DIR.resolve("router.example.yaml"), Map.of());

        assertThat(config.proxy().listeners()).containsExactly(
                new ListenerSettings("client", "0.0.0.0", 8008, 50L << 20),
                new ListenerSettings("federation", "0.0.0.0", 8048, 150L << 20));
        assertThat(config.admin()).isEqualTo(new HostPort("127.0.0.1", 9000));
        assertThat(config.proxy().trustedProxies()).extracting(Object::toString).containsExactly("127.0.0.1/32", "172.16.0.0/12");
        assertThat(config.synapse()).isEqualTo(new SynapseSettings(new HostPort("matrix-synapse", 8008), new HostPort("matrix-synapse", 8048)));

        assertThat(config.workers().keySet()).containsExactly(
                "sync", "initial_sync", "room", "client_reader", "federation_reader", "generic", "media_repository", "user_dir",
                "typing", "to_device", "account_data", "receipts", "presence", "push_rules", "device_lists",
                "thread_subscriptions", "quarantined_media_changes");
        assertThat(config.workers("sync")).containsExactly(
                new HostPort("matrix-synapse-worker-sync-0", 18111), new HostPort("matrix-synapse-worker-sync-1", 18112));
        assertThat(config.workers("typing")).containsExactly(new HostPort("matrix-synapse-worker-stream-writer-typing-0", 18711));
        assertThat(config.workers("generic")).isEmpty();

        assertThat(config.pools()).containsExactly(
                Map.entry("client_reader", new PoolOverride(Balancing.ROUND_ROBIN, null)),
                Map.entry("media_repository", new PoolOverride(null, PoolOverride.WhenEmpty.ERROR)));

        assertThat(config.routes()).hasSize(2);
        RouteRule mas = config.routes().get(0);
        assertThat(mas.name()).isEqualTo("mas-compat");
        assertThat(mas.listener()).isEqualTo("client");
        assertThat(mas.upstream()).isEqualTo(new HostPort("matrix-authentication-service", 8080));
        assertThat(mas.pool()).isNull();
        assertThat(mas.path().matcher("/_matrix/client/v3/login").find()).isTrue();
        RouteRule admin = config.routes().get(1);
        assertThat(admin.listener()).isNull();
        assertThat(admin.methods()).isEqualTo(Set.of("GET"));
        assertThat(admin.pool()).isEqualTo("client_reader");
        assertThat(admin.key()).isEqualTo(KeyKind.NONE);

        assertThat(config.whoami().url()).isEqualTo(URI.create("http://matrix-synapse:8008/_matrix/client/v3/account/whoami"));
        assertThat(config.whoami().negativeTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.healthChecks().path()).isEqualTo("/health");
        assertThat(config.accessLog()).isEqualTo(new AccessLogSettings(true, AccessLogSettings.Format.COMBINED));
    }

    @Test
    void theExampleTakesTheAdminListenerFromTheEnvironmentWhenSet() {
        RouterConfig config = RouterConfigLoader.load(CONFIG_DIR.resolve("router.example.yaml"),
                Map.of("ROUTER_ADMIN_LISTEN", "0.0.0.0:9100"));
        assertThat(config.admin()).isEqualTo(new HostPort("0.0.0.0", 9100));
    }

    @Test
    void theExamplesDefaultsAgreeWithTheLoadersDefaults() {
        // Every "(default)" the example writes out must be what the loader does when the key is absent.
        RouterConfig example = RouterConfigLoader.load(CONFIG_DIR.resolve("router.example.yaml"), Map.of());
        RouterConfig minimal = RouterConfigLoader.load(CONFIG_DIR.resolve("router.minimal.yaml"), Map.of());
        assertThat(example.proxy().timeouts()).isEqualTo(minimal.proxy().timeouts());
        assertThat(example.proxy().limits()).isEqualTo(minimal.proxy().limits());
        assertThat(example.proxy().resolveInterval()).isEqualTo(minimal.proxy().resolveInterval());
        assertThat(example.proxy().shutdownGrace()).isEqualTo(minimal.proxy().shutdownGrace());
        assertThat(example.proxy().ioThreads()).isEqualTo(minimal.proxy().ioThreads());
        assertThat(example.proxy().defaultForwardedProto()).isEqualTo(minimal.proxy().defaultForwardedProto());
        assertThat(example.proxy().debugHeaders()).isEqualTo(minimal.proxy().debugHeaders());
        assertThat(example.proxy().listeners().get(0)).isEqualTo(minimal.proxy().listeners().get(0));
        assertThat(example.admin()).isEqualTo(minimal.admin());
        assertThat(example.whoami()).isEqualTo(minimal.whoami());
        assertThat(example.healthChecks()).isEqualTo(minimal.healthChecks());
        assertThat(example.accessLog()).isEqualTo(minimal.accessLog());
    }

    @Test
    void theMinimalExampleNeedsOnlySynapse() {
        RouterConfig config = RouterConfigLoader.load(CONFIG_DIR.resolve("router.minimal.yaml"), Map.of());
        assertThat(config.synapse().client()).isEqualTo(new HostPort("matrix-synapse", 8008));
        assertThat(config.proxy().listeners()).extracting(ListenerSettings::name).containsExactly("client");
        assertThat(config.workers()).isEmpty();
        assertThat(config.routes()).isEmpty();
    }
}
